using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Primage.Silo.Storage;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Postgres;

/// <summary>Reminders live in PostgreSQL, so a reminder outlives the silo it was registered on.</summary>
public sealed class ReminderFailoverTests(ITestOutputHelper output)
{
    private const int Probes = 12;

    [PostgresFact]
    public async Task RemindersRegisteredOnASiloThatLeavesFireOnTheSiloThatStays()
    {
        var connectionString = PostgresTestDatabase.ConnectionString;
        await PostgresStorage.MigrateAsync(connectionString);
        var serviceId = "remind-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["Primage:Storage:Provider"] = "postgres",
            ["Primage:Storage:ConnectionString"] = connectionString,
            ["Primage:Cluster:ServiceId"] = serviceId,
            ["Primage:Cluster:ClusterId"] = serviceId,
        };
        var a = new PrimageApp(PrimageApp.NewDataDirectory(), settings);
        var b = new PrimageApp(PrimageApp.NewDataDirectory(), settings);
        try
        {
            _ = a.Services;
            _ = b.Services;
            var siloA = a.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
            var siloB = b.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
            await WaitForActiveSilosAsync(serviceId, 2);

            // Register the reminders on A: several grains, so that A's share of the ring owns some.
            var grains = a.Services.GetRequiredService<IGrainFactory>();
            var keys = Enumerable.Range(0, Probes).Select(i => $"{serviceId}-probe-{i}").ToArray();
            foreach (var key in keys)
            {
                Assert.Equal(siloA, await grains.GetGrain<IReminderProbeGrain>(key).ArmAsync(TimeSpan.FromSeconds(8)));
            }

            Assert.Equal((long)Probes, await PostgresTestDatabase.ScalarAsync<long>(
                connectionString, "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = @id", ("id", serviceId)));

            // A leaves before any reminder is due; every reminder then fires on B.
            await a.DisposeAsync();
            output.WriteLine($"A ({siloA}) stopped; waiting for {Probes} reminders on B ({siloB})");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (keys.Any(k => ReminderProbeLog.SilosOf(k).Count == 0) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }

            foreach (var key in keys)
            {
                var silos = ReminderProbeLog.SilosOf(key);
                Assert.NotEmpty(silos);
                Assert.All(silos, s => Assert.Equal(siloB, s));
            }
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await PostgresTestDatabase.ForgetServiceAsync(serviceId);
        }
    }

    private static async Task WaitForActiveSilosAsync(string serviceId, long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await PostgresTestDatabase.ScalarAsync<long>(
                    PostgresTestDatabase.ConnectionString,
                    "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @id AND Status = 3",
                    ("id", serviceId)) == count)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{count} active silos did not appear");
    }
}
