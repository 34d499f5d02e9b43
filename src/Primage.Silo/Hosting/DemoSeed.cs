using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Primage.Api.Security;
using Primage.Grains.Twins;

namespace Primage.Silo.Hosting;

/// <summary>
/// "--demo" (or --Primage:Demo=true): once the service is up, loads two example twins of site
/// "demo" (a neuroblastoma under induction chemotherapy and surgery, a DIPG under radiotherapy),
/// each with follow-up scans, and prints a clinician token and the page's address. Idempotent:
/// the twins' ids and items are fixed, so a second start stores nothing new.
/// </summary>
public sealed class DemoSeed(IHostApplicationLifetime lifetime, IGrainFactory grains, TokenIssuer tokens, IServer server, TimeProvider time) : BackgroundService
{
    public const string Site = "demo";

    /// <summary>Turns the "--demo" switch into the setting, leaving every other argument as it is.</summary>
    public static string[] Arguments(string[] args) => [.. args.Select(a => a == "--demo" ? "--Primage:Demo=true" : a)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        // Dates relative to today, so the course is recent and the scans are never in the future.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var diagnosed = today.AddDays(-120);
        var nb = grains.GetGrain<IPatientTwinGrain>("demo-nb-1");
        await nb.PutProfileAsync(new TwinProfile(Site, Diagnosis.Neuroblastoma, diagnosed, 30, "female", new DiseaseMarkers(true, "wild-type", null, null, null)));
        await nb.AddTherapyAsync(new TherapyRecord("induction", TherapyKind.Chemotherapy, diagnosed.AddDays(5), Regimen: "rapid-cojec", Cycles: 8, CycleIntervalDays: 10));
        await nb.AddTherapyAsync(new TherapyRecord("resection", TherapyKind.Surgery, diagnosed.AddDays(100), ResectedFraction: 0.9));
        foreach (var (id, days, ml) in new[] { ("nb-scan-1", 2, 180.0), ("nb-scan-2", 40, 120.0), ("nb-scan-3", 80, 75.0) })
        {
            await nb.AddObservationAsync(new Observation(id, diagnosed.AddDays(days), ml, AdcMean: 800 + days, Source: "demo"));
        }

        var dipg = grains.GetGrain<IPatientTwinGrain>("demo-dipg-1");
        await dipg.PutProfileAsync(new TwinProfile(Site, Diagnosis.Dipg, diagnosed, 84, "male", new DiseaseMarkers(null, null, null, null, "mutant")));
        await dipg.AddTherapyAsync(new TherapyRecord("rt-course", TherapyKind.Radiotherapy, diagnosed.AddDays(10), DosePerFractionGy: 1.8, Fractions: 30, FractionsPerWeek: 5));
        foreach (var (id, days, ml) in new[] { ("dipg-scan-1", 3, 32.0), ("dipg-scan-2", 60, 22.0), ("dipg-scan-3", 110, 24.0) })
        {
            await dipg.AddObservationAsync(new Observation(id, diagnosed.AddDays(days), ml, Source: "demo"));
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var token = tokens.Issue("demo-clinician", Roles.Clinician, [Site], TimeSpan.FromHours(8));

        // Printed on purpose (not logged): the demo's user pastes it into the page.
        Console.WriteLine();
        Console.WriteLine("Demo twins loaded: demo-nb-1 (neuroblastoma), demo-dipg-1 (DIPG), site 'demo'.");
        Console.WriteLine($"Open {address}/clinician/ and paste this clinician token (valid 8 hours):");
        Console.WriteLine(token);
        Console.WriteLine();
    }
}
