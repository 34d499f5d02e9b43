using System.Net;
using System.Text.Json.Nodes;
using Primage.Silo.Hosting;
using Primage.Silo.Tests.Postgres;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Silo.Tests.Hosting;

/// <summary>The built service as a new user starts it: on its embedded SQLite default, from the command line.</summary>
public sealed class ServiceProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("--Primage:Storage:Provider=bogus", "Primage:Storage:Provider")]
    [InlineData("--Primage:Storage:Provider=postgres", "Primage:Storage:ConnectionString")]
    [InlineData("--Primage:Scheduler:MaxAttempts=0", "Primage:Scheduler:MaxAttempts")]
    [InlineData("--Primage:Scheduler:MaxAttempts=many", "Primage:Scheduler:MaxAttempts")]
    public async Task A_setting_the_service_cannot_run_with_stops_the_start_with_one_line_naming_it(string setting, string named)
    {
        var dataDirectory = NewDataDirectory("bad-setting");
        try
        {
            await using var silo = SiloProcess.StartWith("bad", ["--Primage:Storage:Provider=sqlite", $"--Primage:DataDirectory={dataDirectory}", setting]);
            Assert.Equal(StartupErrors.ExitCode, await silo.WaitForExitAsync(StartTimeout));
            var errors = silo.ErrorLines;
            output.WriteLine(string.Join(Environment.NewLine, errors));
            var line = Assert.Single(errors);
            Assert.StartsWith("Primage cannot start: ", line, StringComparison.Ordinal);
            Assert.Contains(named, line, StringComparison.Ordinal);
        }
        finally
        {
            Delete(dataDirectory);
        }
    }

    [Fact]
    public async Task Everything_acknowledged_survives_a_kill_9_and_reads_back_unchanged_after_a_restart()
    {
        // The README walk-through: a twin, three observations and a therapy, then SIGKILL straight after the
        // last acknowledgement (a calibration is typically still running) and a start on the same data directory.
        var dataDirectory = NewDataDirectory("kill-9");
        List<string> settings = ["--Primage:Storage:Provider=sqlite", $"--Primage:DataDirectory={dataDirectory}"];
        try
        {
            JsonNode before;
            await using (var first = SiloProcess.StartWith("first", settings))
            {
                await first.WaitReadyAsync(StartTimeout);
                Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(first.Http, "/api/twins/nb-001", Profile)).StatusCode);
                for (var i = 1; i <= 3; i++)
                {
                    Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(first.Http, "/api/twins/nb-001/observations", Observation(i))).StatusCode);
                }

                Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(first.Http, "/api/twins/nb-001/therapies", Therapy)).StatusCode);
                before = await Json.ReadAsync(await first.Http.GetAsync("/api/twins/nb-001"));
                first.KillHard();
            }

            await using var second = SiloProcess.StartWith("second", settings);
            await second.WaitReadyAsync(StartTimeout);
            var after = await Json.ReadAsync(await second.Http.GetAsync("/api/twins/nb-001"));
            foreach (var part in new[] { "id", "profile", "observations", "therapies" })
            {
                Assert.Equal(before[part]!.ToJsonString(), after[part]!.ToJsonString());
            }

            Assert.Equal(3, after["observations"]!.AsArray().Count);
            Assert.Equal(110.5, after["observations"]![0]!["tumourVolumeMl"]!.GetValue<double>());

            // Idempotency keys survive too: the same observation again stores nothing, other content conflicts.
            Assert.Equal(HttpStatusCode.OK, (await Json.PostAsync(second.Http, "/api/twins/nb-001/observations", Observation(1))).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await Json.PostAsync(second.Http, "/api/twins/nb-001/observations",
                Observation(1).Replace("110.5", "99.0", StringComparison.Ordinal))).StatusCode);
            Assert.Equal(3, (await Json.ReadAsync(await second.Http.GetAsync("/api/twins/nb-001")))["observations"]!.AsArray().Count);
        }
        finally
        {
            Delete(dataDirectory);
        }
    }

    private const string Profile = """
        {"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 30, "sex": "female",
         "markers": {"mycnAmplified": true, "alk": "mutated", "histology": "neuroblastoma", "grade": "poorly-differentiated"}}
        """;

    private const string Therapy = """
        {"therapyId": "ind-1", "kind": "chemotherapy", "regimen": "rapid-cojec", "start": "2024-01-10", "cycles": 8, "cycleIntervalDays": 10}
        """;

    private static string Observation(int i) =>
        $$"""{"observationId": "scan-{{i}}", "takenOn": "2024-0{{i + 1}}-01", "tumourVolumeMl": {{120 - (10 * i)}}.5, "adcMean": 850, "cellularity": 0.6, "vascularFraction": 0.1, "source": "MRI T2"}""";

    private static string NewDataDirectory(string name) =>
        Path.Combine(Path.GetTempPath(), "primage-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);

    private static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
