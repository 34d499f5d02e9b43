using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Primage.Testing;
using Xunit.Abstractions;

namespace Primage.Api.Tests.Clinician;

/// <summary>
/// The clinician page in a real Chromium against the real service process: sign in, open a twin,
/// see the chart with its bands, post an observation through the API and see the chart and the
/// forecast version change without reloading (tests/browser/clinician.spec.mjs; screenshots in
/// tests/browser/artifacts/).
/// </summary>
public sealed class ClinicianBrowserTests(ITestOutputHelper output)
{
    [BrowserFact]
    public async Task SignInOpenTwinSeeBandsAndLiveUpdateAfterAnObservation()
    {
        Assert.True(BrowserEnvironment.MissingReason is null, BrowserEnvironment.MissingReason);
        Assert.True(File.Exists(ServiceProcess.SiloDll), $"build the service first: {ServiceProcess.SiloDll}");
        var lines = new List<string>();
        await using var service = await ServiceProcess.StartAsync(l => { lock (lines) { lines.Add(l); } });
        var token = await service.TokenAsync("clinician", "lafe");
        var twinId = "browser-" + Guid.NewGuid().ToString("N")[..8];

        using var http = new HttpClient { BaseAddress = new Uri(service.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(http, $"/api/twins/{twinId}", """{"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 30, "markers": {"mycnAmplified": true}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(http, $"/api/twins/{twinId}/therapies", """{"therapyId": "ind-1", "kind": "chemotherapy", "regimen": "rapid-cojec", "start": "2024-01-10", "cycles": 8, "cycleIntervalDays": 10}""")).StatusCode);
        foreach (var (id, date, ml) in new[] { ("scan-1", "2024-01-08", 120.0), ("scan-2", "2024-02-20", 90.0), ("scan-3", "2024-04-01", 60.0) })
        {
            Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(http, $"/api/twins/{twinId}/observations", $$"""{"observationId": "{{id}}", "takenOn": "{{date}}", "tumourVolumeMl": {{ml}}}""")).StatusCode);
        }

        // Two what-if plans, forecast from the twin's posterior, for the page's comparison.
        foreach (var scenario in new[]
        {
            """{"scenarioId": "as-planned", "name": "as planned", "therapies": [{"therapyId": "ind-1", "kind": "chemotherapy", "regimen": "rapid-cojec", "start": "2024-01-10", "cycles": 8, "cycleIntervalDays": 10}]}""",
            """{"scenarioId": "with-surgery", "name": "with surgery", "therapies": [{"therapyId": "ind-1", "kind": "chemotherapy", "regimen": "rapid-cojec", "start": "2024-01-10", "cycles": 8, "cycleIntervalDays": 10}, {"therapyId": "op-1", "kind": "surgery", "date": "2024-05-01", "resectedFraction": 0.9}]}""",
        })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Json.PostAsync(http, $"/api/twins/{twinId}/scenarios", scenario)).StatusCode);
        }

        var node = new ProcessStartInfo(BrowserEnvironment.FindOnPath("node")!) { WorkingDirectory = BrowserEnvironment.BrowserTests, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "clinician.spec.mjs", service.Url, token, twinId })
        {
            node.ArgumentList.Add(a);
        }

        node.Environment["PRIMAGE_CHROMIUM"] = BrowserEnvironment.Chromium;
        using var run = Process.Start(node)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await run.WaitForExitAsync(cancel.Token);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        if (run.ExitCode != 0)
        {
            lock (lines)
            {
                output.WriteLine("--- service output ---\n" + string.Join('\n', lines.TakeLast(80)));
            }
        }

        Assert.True(run.ExitCode == 0, $"browser spec failed: {await stderr}");
        Assert.True(File.Exists(Path.Combine(BrowserEnvironment.BrowserTests, "artifacts", "clinician-after.png")));
    }
}
