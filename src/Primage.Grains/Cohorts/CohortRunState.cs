namespace Primage.Grains.Cohorts;

/// <summary>
/// Persisted run (storage "twins"). Members are numbered k = twin index * scenarios + scenario index;
/// Cursor is the next member to start, InFlight the started ones not yet finished, and Finished and
/// FailedMembers the durable record of what is over, so a restart never repeats a finished member.
/// </summary>
[GenerateSerializer, Alias("primage.cohort-run-state.v1")]
public sealed class CohortRunState
{
    [Id(0)]
    public List<string> TwinIds { get; set; } = [];

    [Id(1)]
    public List<CohortScenario> Scenarios { get; set; } = [];

    [Id(2)]
    public int Cursor { get; set; }

    [Id(3)]
    public HashSet<int> InFlight { get; set; } = [];

    [Id(4)]
    public HashSet<int> Finished { get; set; } = [];

    [Id(5)]
    public HashSet<int> FailedMembers { get; set; } = [];

    [Id(6)]
    public CohortRunStatus Status { get; set; }

    [Id(7)]
    public int MaxInFlight { get; set; }

    [Id(8)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(9)]
    public DateTimeOffset? FinishedAt { get; set; }
}
