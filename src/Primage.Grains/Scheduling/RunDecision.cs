namespace Primage.Grains.Scheduling;

/// <summary>
/// What a run's owner (grain or actor) must do after a transition of <see cref="RunStateMachine"/>:
/// persist, submit (after a delay), cancel a backend job, tell the owner.
/// </summary>
public readonly record struct RunDecision(
    bool Changed,
    TimeSpan? SubmitAfter = null,
    string? CancelJobId = null,
    bool BecameTerminal = false)
{
    public static RunDecision None { get; } = new(false);
}
