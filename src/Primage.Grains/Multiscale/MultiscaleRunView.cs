namespace Primage.Grains.Multiscale;

/// <summary>A multiscale run as readers see it. Hours of the trajectory count from <see cref="StartDate"/> (the date of the observation the run started from).</summary>
[GenerateSerializer, Immutable, Alias("primage.multiscale-run-view.v1")]
public sealed record MultiscaleRunView(
    [property: Id(0)] string TwinId,
    [property: Id(1)] string RunId,
    [property: Id(2)] MultiscaleRunStatus Status,
    [property: Id(3)] MultiscaleRequest Request,
    [property: Id(4)] int WindowsDone,
    [property: Id(5)] DateOnly StartDate,
    [property: Id(6)] string ObservationId,
    [property: Id(7)] double InitialTumourVolumeMm3,
    [property: Id(8)] IReadOnlyList<MultiscaleWindow> Trajectory,
    [property: Id(9)] string? Error,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt);
