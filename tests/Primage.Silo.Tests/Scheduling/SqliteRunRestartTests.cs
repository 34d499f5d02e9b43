using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Local;
using Primage.Testing;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// The real service on its SQLite file: run records written by one host (through the ADO.NET provider
/// and its serializer) are read back by the next host on the same file, and a run that was in flight when
/// the first host stopped is resumed and finished by the second. Both scheduler kinds.
/// </summary>
public sealed class SqliteRunRestartTests
{
    [Theory]
    [InlineData("orleans")]
    [InlineData("akka")]
    public async Task Runs_in_the_sqlite_store_survive_a_host_restart(string kind)
    {
        var runner = new FakeStepRunner();
        var directory = PrimageApp.NewDataDirectory();
        var settings = new Dictionary<string, string> { ["Primage:Scheduler:Kind"] = kind };
        var done = $"sqlite-done-{Guid.NewGuid():N}";
        var inFlight = $"sqlite-spin-{Guid.NewGuid():N}";

        await using (var first = App(directory, settings, runner))
        {
            var scheduler = first.Services.GetRequiredService<ISimulationScheduler>();
            await scheduler.SubmitAsync(StepDocuments.Echo(done, 314), owner: null);
            await WaitForAsync(scheduler, done, s => s.State == RunState.Succeeded);
            await scheduler.SubmitAsync(StepDocuments.Spin(inFlight, 5), owner: null);
            await WaitForAsync(scheduler, inFlight, s => s.State == RunState.Running);
        }

        await using var second = App(directory, settings, runner);
        var restarted = second.Services.GetRequiredService<ISimulationScheduler>();
        var kept = await restarted.GetStatusAsync(done);
        var resumed = await WaitForAsync(restarted, inFlight, s => s.IsTerminal);

        Assert.Equal(RunState.Succeeded, kept!.State);
        Assert.Equal(314, StepDocuments.EchoValue(kept.OutputDocument!));
        Assert.Equal(1, runner.Executions(done));
        Assert.Equal(RunState.Succeeded, resumed.State);
        Assert.Equal(1, resumed.Attempts);
        Assert.Equal(2, runner.Executions(inFlight));
    }

    private static WebApplicationFactory<Program> App(string directory, Dictionary<string, string> settings, FakeStepRunner runner)
        => new PrimageApp(directory, settings).WithWebHostBuilder(builder => builder.ConfigureServices(
            services => services.AddSingleton<LocalStepRunner>(runner.Run)));

    private static async Task<RunStatus> WaitForAsync(ISimulationScheduler scheduler, string stepId, Func<RunStatus, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        RunStatus? status = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            status = await scheduler.GetStatusAsync(stepId);
            if (status is not null && condition(status))
            {
                return status;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"Run {stepId} never reached the expected state; it is {status?.State} ({status?.Error}).");
    }
}
