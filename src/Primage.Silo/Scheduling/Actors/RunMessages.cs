using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling.Actors;

/// <summary>A message about one run; the dispatcher routes it to that run's actor.</summary>
internal interface IRunMessage
{
    string StepId { get; }
}

internal sealed record SubmitRun(StepSpec Step, string Backend, string? Owner) : IRunMessage
{
    public string StepId => Step.StepId;
}

internal sealed record GetRun(string StepId) : IRunMessage;

internal sealed record GetSpec(string StepId) : IRunMessage;

internal sealed record CancelRun(string StepId) : IRunMessage;

internal sealed record ResumeRun(string StepId) : IRunMessage;

internal sealed record StepRunning(string StepId, string JobId, DateTimeOffset StartedAt) : IRunMessage;

internal sealed record StepFinished(StepResult Result) : IRunMessage
{
    public string StepId => Result.StepId;
}

/// <summary>Reply carrying a status that may be absent.</summary>
internal sealed record RunReply(RunStatus? Status);

/// <summary>Reply carrying a spec that may be absent.</summary>
internal sealed record SpecReply(StepSpec? Spec);

/// <summary>Acknowledges a backend event once it is persisted.</summary>
internal sealed record EventAck
{
    public static EventAck Instance { get; } = new();
}

// Messages a run actor sends itself (timers and answers of work done off the actor).
internal sealed record SubmitNow(int Attempt);

internal sealed record SubmitSucceeded(int Attempt, string JobId);

internal sealed record SubmitFailedMessage(int Attempt, string Error);

internal sealed record ReattachFailedMessage(int Attempt, string Error);

internal sealed record ReattachNow(int Attempt);

internal sealed record NotifyNow;

internal sealed record OwnerNotifiedMessage;

internal sealed record OwnerNotifyFailed(string Error);
