namespace Primage.Grains.Multiscale;

/// <summary>
/// The persisted state of a multiscale run (storage "twins"); fields are only ever added. The documents are
/// the coupling kernels' JSON (MultiscaleFlow's state and plan, the micro steps' results): everything the
/// run needs to rebuild the current window's step inputs byte for byte after a restart.
/// </summary>
[GenerateSerializer, Alias("primage.multiscale-run-state.v1")]
public sealed class MultiscaleRunState
{
    [Id(0)]
    public MultiscaleRequest? Request { get; set; }

    [Id(1)]
    public MultiscaleRunStatus Status { get; set; }

    [Id(2)]
    public MultiscalePhase Phase { get; set; }

    /// <summary>The window in progress (= windows finished).</summary>
    [Id(3)]
    public int Window { get; set; }

    /// <summary>MultiscaleConfig, JSON.</summary>
    [Id(4)]
    public byte[] Config { get; set; } = [];

    /// <summary>MacroWindowSettings, JSON.</summary>
    [Id(5)]
    public byte[] Macro { get; set; } = [];

    /// <summary>MultiscaleState after the last finished window, JSON.</summary>
    [Id(6)]
    public byte[] State { get; set; } = [];

    /// <summary>The current window's WindowPlan (JSON) once its begin step finished; null in the begin phase.</summary>
    [Id(7)]
    public byte[]? Plan { get; set; }

    /// <summary>Regions of the current plan.</summary>
    [Id(8)]
    public int RegionCount { get; set; }

    /// <summary>The micro results (MicroRegionOutput JSON) collected so far, by region index.</summary>
    [Id(9)]
    public Dictionary<int, byte[]> Outputs { get; set; } = [];

    [Id(10)]
    public List<MultiscaleWindow> Trajectory { get; set; } = [];

    [Id(11)]
    public string? Error { get; set; }

    [Id(12)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(13)]
    public DateTimeOffset? FinishedAt { get; set; }

    [Id(14)]
    public DateOnly StartDate { get; set; }

    [Id(15)]
    public string ObservationId { get; set; } = "";

    [Id(16)]
    public double InitialTumourVolumeMm3 { get; set; }
}
