namespace Primage.Grains.Cohorts;

/// <summary>
/// A run's progress over its members (twin x scenario): done counts completed and failed members,
/// so done == total when the run is over; a failed member never fails the run. FailedMembers numbers
/// the failed members k = twin index * scenarios + scenario index, including those a twin refused
/// before any scenario existed (no observations, a plan breaking its rules).
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.cohort-progress.v1")]
public sealed record CohortProgress(
    [property: Id(0)] string CohortId,
    [property: Id(1)] string RunId,
    [property: Id(2)] CohortRunStatus Status,
    [property: Id(3)] int Total,
    [property: Id(4)] int Done,
    [property: Id(5)] int Failed,
    [property: Id(6)] int InFlight,
    [property: Id(7)] IReadOnlyList<CohortScenario> Scenarios,
    [property: Id(8)] IReadOnlyList<string> TwinIds,
    [property: Id(9)] DateTimeOffset StartedAt,
    [property: Id(10)] DateTimeOffset? FinishedAt,
    [property: Id(11)] IReadOnlyList<int>? FailedMembers = null);
