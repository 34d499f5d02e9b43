using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Primage.Grains;
using Primage.Grains.Predictions;
using Primage.Grains.Scheduling;
using Primage.Grains.Twins;
using Primage.TwinMemory;

// Resident memory per active twin: activate N patient twins (the real PatientTwinGrain, each with a
// profile and ten observations) in one silo process, and compare the process's resident set
// (VmRSS in /proc/self/status) and managed heap before and after, each read after a full blocking,
// compacting collection. Warm-up twins, activated before the first reading, keep JIT, pools and
// the runtime's own structures out of the difference.
//
// Default mode ("in flight"): the first recalibration is submitted and held in flight by a scheduler
// that accepts and never finishes, so the step input is archived and no twin is calibrated.
// --calibrated: every calibration finishes as Succeeded with a real kernel output document
// (CompletingScheduler); the probe waits for each observation's calibration before adding the next,
// so each twin runs ten calibrations, stores ten prediction versions and ends with a posterior.
//
//   dotnet run -c Release --project tools/Primage.TwinMemory -- [--calibrated] 10000 [100000 ...]
var calibrated = args.Contains("--calibrated", StringComparer.Ordinal);
var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var counts = numbers.Length == 0 ? [10_000] : numbers.Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
var store = new ArchiveKeepingStorage(new HashSet<string>(["warm-000000", .. counts.Select((_, i) => $"m{i}-000000")], StringComparer.Ordinal));
var completing = new CompletingScheduler(TimeProvider.System);

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
if (calibrated)
{
    builder.Services.AddSingleton<ISimulationScheduler>(completing);
}
else
{
    builder.Services.AddSingleton<ISimulationScheduler, AcceptingScheduler>();
}

builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(FreePort(), FreePort());
    silo.Services.AddGrainStorage(StorageNames.Twins, (_, _) => calibrated ? store : (Orleans.Storage.IGrainStorage)new DiscardGrainStorage());
    silo.Services.AddGrainStorage(StorageNames.Runs, (_, _) => new DiscardGrainStorage());
    // Nothing may be collected while we count.
    silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(6));
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

await ActivateAsync(grains, "warm", 2_000, calibrated);
var active = 2_000;
Console.WriteLine($"mode: {(calibrated ? "calibrated (ten calibrations per twin, real kernel outputs)" : "in flight (first calibration held, never finished)")}");
Console.WriteLine($"GC: server={System.Runtime.GCSettings.IsServerGC}, latency mode={System.Runtime.GCSettings.LatencyMode}, processors={Environment.ProcessorCount}; warm-up twins: {active:N0}");
if (calibrated)
{
    Console.WriteLine($"kernel runs (distinct inputs, default ensemble): {completing.KernelRuns}, {completing.KernelSeconds:F1} s");
    await VerifyAsync(grains, "warm-000000");
}

await PrintActivationsAsync(grains);
Console.WriteLine("| twins added | active twins | RSS before (MB) | RSS after (MB) | RSS per twin (KB) | managed heap per twin (KB) | time (s) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
var batch = 0;
foreach (var count in counts)
{
    var (rssBefore, heapBefore) = Measure();
    var clock = Stopwatch.StartNew();
    await ActivateAsync(grains, $"m{batch++}", count, calibrated);
    var seconds = clock.Elapsed.TotalSeconds;
    store.Forget();
    var (rssAfter, heapAfter) = Measure();
    active += count;
    Console.WriteLine(
        $"| {count:N0} | {active:N0} | {rssBefore / 1048576.0:F1} | {rssAfter / 1048576.0:F1} | " +
        $"{(rssAfter - rssBefore) / 1024.0 / count:F2} | {(heapAfter - heapBefore) / 1024.0 / count:F2} | {seconds:F1} |");
}

await PrintActivationsAsync(grains);
if (calibrated)
{
    Console.WriteLine($"kernel runs in all: {completing.KernelRuns}");
    await VerifyAsync(grains, "m0-000000");
}

await host.StopAsync();
return 0;

static async Task ActivateAsync(IGrainFactory grains, string prefix, int count, bool calibrated)
{
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
    {
        var twin = grains.GetGrain<IPatientTwinGrain>($"{prefix}-{i:D6}");
        // Fresh string instances, as a request's JSON would produce them.
        var profile = new TwinProfile(new string("lafe".AsSpan()), Diagnosis.Neuroblastoma, new DateOnly(2024, 1, 5), 30, new string("female".AsSpan()),
            new DiseaseMarkers(MycnAmplified: true, Alk: new string("mutated".AsSpan()), Histology: new string("neuroblastoma".AsSpan())));
        Check(await twin.PutProfileAsync(profile));
        for (var k = 1; k <= 10; k++)
        {
            var observation = new Observation($"scan-{k:D2}", new DateOnly(2024, 1, 5).AddDays(14 * k), 120.0 - k, 850 + k, 0.6, 0.1, new string("MRI T2".AsSpan()));
            Check(await twin.AddObservationAsync(observation));
            if (calibrated)
            {
                await WaitCalibratedAsync(twin, k);
            }
        }
    });
}

// Until the twin has stored prediction version `version` and has nothing pending or running.
static async Task WaitCalibratedAsync(IPatientTwinGrain twin, int version)
{
    for (var attempt = 0; ; attempt++)
    {
        var view = await twin.GetCalibrationAsync();
        if (view.LastError is { } error)
        {
            throw new InvalidOperationException($"calibration failed: {error}");
        }

        if (view.Latest?.Version == version && !view.Pending && view.RunningStepId is null)
        {
            return;
        }

        if (attempt > 600_000)
        {
            throw new TimeoutException($"twin {twin.GetPrimaryKeyString()} did not reach prediction version {version}");
        }

        await Task.Delay(attempt < 100 ? 0 : 10);
    }
}

// A calibrated twin: ten stored versions, the latest with a trajectory, and a posterior it can read back.
static async Task VerifyAsync(IGrainFactory grains, string twinId)
{
    var page = await grains.GetGrain<ITwinPredictionsGrain>(twinId).ListAsync(0, 100);
    var latest = page.Items[0];
    var fork = await grains.GetGrain<IPatientTwinGrain>(twinId).ForkAsync();
    var posterior = fork?.Calibration.PosteriorState;
    Console.WriteLine(
        $"check {twinId}: {page.Total} prediction versions, latest v{latest.Version} with {latest.Trajectory.Count} trajectory points, " +
        $"kernel {latest.Provenance.KernelVersion}, posterior of step {latest.Provenance.StepId}: {posterior?.Length ?? 0:N0} characters");
    if (page.Total != 10 || posterior is null)
    {
        throw new InvalidOperationException("the twin is not calibrated");
    }
}

static async Task PrintActivationsAsync(IGrainFactory grains)
{
    var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
    Console.WriteLine("activations: " + string.Join(", ", statistics
        .GroupBy(s => s.GrainType)
        .Select(g => (Type: ShortName(g.Key), Count: g.Sum(s => s.ActivationCount)))
        .OrderByDescending(t => t.Count)
        .Select(t => $"{t.Type} {t.Count:N0}")));
}

static void Check(WriteResult result)
{
    if (result.Outcome is not (WriteOutcome.Created or WriteOutcome.Updated))
    {
        throw new InvalidOperationException($"unexpected write outcome {result.Outcome}");
    }
}

static (long Rss, long Heap) Measure()
{
    for (var i = 0; i < 3; i++)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    Thread.Sleep(1000);
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    return (kb * 1024, heap);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string ShortName(string grainType)
{
    var name = grainType.Split(',')[0];
    return name[(name.LastIndexOf('.') + 1)..];
}
