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
using Primage.Grains.Scheduling;
using Primage.Grains.Twins;
using Primage.TwinMemory;

// Resident memory per active twin: activate N patient twins (the real PatientTwinGrain, each with a
// profile and ten observations, its first recalibration submitted and held in flight by a
// scheduler that accepts and never finishes, so the step input is archived) in one silo process, and compare the process's resident set
// (VmRSS in /proc/self/status) and managed heap before and after, each read after a full blocking,
// compacting collection. Warm-up twins, activated before the first reading, keep JIT, pools and
// the runtime's own structures out of the difference.
//
//   dotnet run -c Release --project tools/Primage.TwinMemory -- 10000 [100000 ...]
var counts = args.Length == 0 ? [10_000] : args.Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ISimulationScheduler, AcceptingScheduler>();
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(FreePort(), FreePort());
    silo.Services.AddGrainStorage(StorageNames.Twins, (_, _) => new DiscardGrainStorage());
    silo.Services.AddGrainStorage(StorageNames.Runs, (_, _) => new DiscardGrainStorage());
    // Nothing may be collected while we count.
    silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(6));
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

await ActivateAsync(grains, "warm", 2_000);
var active = 2_000;
Console.WriteLine($"GC: server={System.Runtime.GCSettings.IsServerGC}, latency mode={System.Runtime.GCSettings.LatencyMode}, processors={Environment.ProcessorCount}; warm-up twins: {active:N0}");
Console.WriteLine("| twins added | active twins | RSS before (MB) | RSS after (MB) | RSS per twin (KB) | managed heap per twin (KB) | time (s) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
var batch = 0;
foreach (var count in counts)
{
    var (rssBefore, heapBefore) = Measure();
    var clock = Stopwatch.StartNew();
    await ActivateAsync(grains, $"m{batch++}", count);
    var seconds = clock.Elapsed.TotalSeconds;
    var (rssAfter, heapAfter) = Measure();
    active += count;
    Console.WriteLine(
        $"| {count:N0} | {active:N0} | {rssBefore / 1048576.0:F1} | {rssAfter / 1048576.0:F1} | " +
        $"{(rssAfter - rssBefore) / 1024.0 / count:F2} | {(heapAfter - heapBefore) / 1024.0 / count:F2} | {seconds:F1} |");
}

await host.StopAsync();
return 0;

static async Task ActivateAsync(IGrainFactory grains, string prefix, int count)
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
        }
    });
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
