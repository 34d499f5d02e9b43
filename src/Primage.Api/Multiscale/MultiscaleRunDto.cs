using System.Text.Json.Serialization;

namespace Primage.Api.Multiscale;

/// <summary>
/// A multiscale run: status "pending" | "running" | "completed" | "failed", windows finished of those asked
/// for, the error of a failed run, and the trajectory so far. The run starts on the date of the twin's latest
/// observation (startDate, observationId) at that volume (initialTumourVolumeMl); regions, agentCapPerRegion
/// and seed are what it runs with.
/// </summary>
public sealed record MultiscaleRunDto(
    string RunId,
    string Status,
    int WindowsDone,
    int Windows,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    IReadOnlyList<MultiscaleWindowDto> Trajectory,
    DateOnly StartDate,
    string ObservationId,
    double InitialTumourVolumeMl,
    int Regions,
    int AgentCapPerRegion,
    long Seed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
