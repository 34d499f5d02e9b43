namespace Primage.Grains.Scheduling;

/// <summary>The durable state machine of one simulation run.</summary>
[GenerateSerializer, Alias("primage.run-state.v1")]
public enum RunState
{
    Pending = 0,
    Submitted = 1,
    Running = 2,
    Succeeded = 3,
    Failed = 4,
    Cancelled = 5,
}
