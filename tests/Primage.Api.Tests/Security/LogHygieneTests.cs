using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Primage.Api.Security;
using Primage.Api.Tests.Fhir;
using Primage.Testing;

namespace Primage.Api.Tests.Security;

/// <summary>
/// Clinical values and tokens never reach the logs: real traffic (writes, a rejected write, a FHIR bundle,
/// a forged token, a whole calibration and prediction reads) through a service whose every log line,
/// with its exception, is captured at Information for all categories (the shipped level, which
/// appsettings raises for the frameworks) and at Debug for Primage's own.
/// </summary>
public sealed class LogHygieneTests
{
    // Values distinctive enough that a match cannot be a coincidence.
    private const string Volume = "123.456789";
    private const string RejectedVolume = "-76.54321";
    private const string Adc = "987.6543";
    private const string Source = "MRI-scanner-note-Qx7";
    private const string FhirVolume = "45.678912";

    [Fact]
    public async Task NeitherClinicalValuesNorTokensAppearInAnyLogLine()
    {
        var lines = new ConcurrentQueue<string>();
        await using var app = new PrimageApp(PrimageApp.NewDataDirectory(), new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Primage"] = "Debug",
            ["Primage:Predictions:EnsembleSize"] = "64",
            ["Primage:Predictions:Models:0"] = "gompertz",
        });
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(new CapturingProvider(lines))));
        var token = logged.Services.GetRequiredService<TokenIssuer>().Issue("alice", Roles.Clinician, ["lafe"], TimeSpan.FromHours(1));
        var integrationToken = logged.Services.GetRequiredService<TokenIssuer>().Issue("his", Roles.Integration, ["lafe"], TimeSpan.FromHours(1));
        using var clinician = logged.CreateDefaultClient();
        clinician.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var integration = logged.CreateDefaultClient();
        integration.DefaultRequestHeaders.Authorization = new("Bearer", integrationToken);
        using var forged = logged.CreateDefaultClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", token[..^4] + "AAAA");

        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(clinician, "/api/twins/nb-logs", Twins.TwinSamples.Profile)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(clinician, "/api/twins/nb-logs/observations",
            $$"""{"observationId": "scan-1", "takenOn": "2024-02-01", "tumourVolumeMl": {{Volume}}, "adcMean": {{Adc}}, "source": "{{Source}}"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Json.PostAsync(clinician, "/api/twins/nb-logs/observations",
            $$"""{"observationId": "scan-2", "takenOn": "2024-03-01", "tumourVolumeMl": {{RejectedVolume}}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/twins/nb-logs")).StatusCode);
        var bundle = FhirSamples.Bundle("transaction", FhirSamples.Patient("nb-logs", "lafe"), FhirSamples.Volume("v9", "2024-03-15", FhirVolume));
        using var fhir = new StringContent(bundle, System.Text.Encoding.UTF8);
        fhir.Headers.ContentType = new("application/fhir+json");
        Assert.Equal(HttpStatusCode.OK, (await integration.PostAsync("/api/fhir", fhir)).StatusCode);

        // Wait for the calibration of both observations, then read the prediction, its FHIR form and the twin.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            using var response = await clinician.GetAsync("/api/twins/nb-logs/prediction");
            if (response.IsSuccessStatusCode && (await Json.ReadAsync(response))["observationIds"]!.AsArray().Count == 2)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "no prediction with both observations");
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/api/twins/nb-logs/fhir/risk-assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/api/twins/nb-logs")).StatusCode);

        var all = string.Join("\n", lines);
        Assert.True(lines.Count > 10, $"too few log lines captured to mean anything: {lines.Count}");
        foreach (var secret in new[] { Volume, RejectedVolume, Adc, Source, FhirVolume, token, token.Split('.')[2], integrationToken.Split('.')[2] })
        {
            Assert.False(all.Contains(secret, StringComparison.Ordinal), $"a log line holds '{secret}':\n{string.Join("\n", lines.Where(l => l.Contains(secret, StringComparison.Ordinal)))}");
        }
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
