namespace Primage.Grains.Scheduling;

/// <summary>
/// The transitions of a run record, Pending -> Submitted -> Running -> Succeeded | Failed | Cancelled,
/// with the retry policy. Pure (no I/O, the clock passed in) so the Orleans grain and the Akka.NET actor
/// share it exactly and it can be tested without a cluster.
/// Retry policy: an outcome that <see cref="SimulationSchedulerOptions.Retries"/> accepts (never InputRejected)
/// starts attempt + 1 after Backoff(attempt) while attempt &lt; MaxAttempts; a submission that cannot reach
/// the backend is retried with the same attempt after Backoff(failures) up to MaxSubmitTries.
/// </summary>
public static class RunStateMachine
{
    public static RunDecision Create(
        SimulationRunState run, StepSpec step, string backend, string? owner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Step = step;
        run.State = RunState.Pending;
        run.Backend = backend;
        run.Attempts = 1;
        run.CreatedAt = now;
        run.Owner = owner;
        run.OwnerNotified = owner is null;
        return new RunDecision(true, SubmitAfter: TimeSpan.Zero);
    }

    public static RunDecision Submitted(SimulationRunState run, int attempt, string jobId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (attempt != run.Attempts)
        {
            return RunDecision.None;
        }

        if (run.State == RunState.Cancelled && run.BackendJobId is null)
        {
            // Cancelled while the submission was in flight: the job exists now, so cancel it too.
            run.BackendJobId = jobId;
            return new RunDecision(true, CancelJobId: jobId);
        }

        if (run.IsTerminal)
        {
            return RunDecision.None;
        }

        if (run.State == RunState.Pending)
        {
            run.State = RunState.Submitted;
            run.BackendJobId = jobId;
            run.SubmittedAt = now;
            run.SubmitFailures = 0;
            return new RunDecision(true);
        }

        if ((run.BackendJobId is null || run.BackendJobId == jobId) && run.SubmittedAt is null)
        {
            // The Running event overtook the submission's answer.
            run.BackendJobId = jobId;
            run.SubmittedAt = now;
            run.SubmitFailures = 0;
            return new RunDecision(true);
        }

        return RunDecision.None;
    }

    public static RunDecision SubmitFailed(
        SimulationRunState run, int attempt, string error, SimulationSchedulerOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        if (attempt != run.Attempts || run.State != RunState.Pending)
        {
            return RunDecision.None;
        }

        run.SubmitFailures++;
        run.Error = error;
        if (run.SubmitFailures >= options.MaxSubmitTries)
        {
            run.State = RunState.Failed;
            run.Outcome = StepOutcome.Failed;
            run.Error = $"backend '{run.Backend}' unreachable after {run.SubmitFailures} submissions: {error}";
            run.FinishedAt = now;
            return new RunDecision(true, BecameTerminal: true);
        }

        return new RunDecision(true, SubmitAfter: options.Backoff(run.SubmitFailures));
    }

    public static RunDecision Running(SimulationRunState run, string jobId, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.IsTerminal || IsStale(run, jobId) || run.State == RunState.Running)
        {
            return RunDecision.None;
        }

        run.State = RunState.Running;
        run.BackendJobId ??= jobId;
        run.StartedAt = startedAt;
        return new RunDecision(true);
    }

    public static RunDecision Finished(
        SimulationRunState run, StepResult result, SimulationSchedulerOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        if (run.IsTerminal || IsStale(run, result.BackendJobId))
        {
            return RunDecision.None;
        }

        run.BackendJobId ??= result.BackendJobId;
        run.StartedAt ??= result.StartedAt;
        run.Outcome = result.Outcome;
        run.Error = result.Error;
        var retry = options.Retries(result.Outcome) && run.Attempts < options.MaxAttempts;
        if (retry)
        {
            run.SupersededJobIds.Add(result.BackendJobId);
            var retryNumber = run.Attempts;
            run.Attempts++;
            run.State = RunState.Pending;
            run.BackendJobId = null;
            run.SubmittedAt = null;
            run.StartedAt = null;
            run.SubmitFailures = 0;
            return new RunDecision(true, SubmitAfter: options.Backoff(retryNumber));
        }

        run.State = result.Outcome switch
        {
            StepOutcome.Succeeded => RunState.Succeeded,
            StepOutcome.Cancelled => RunState.Cancelled,
            _ => RunState.Failed,
        };
        run.OutputDocument = result.Outcome == StepOutcome.Succeeded ? result.OutputDocument : null;
        run.FinishedAt = result.FinishedAt;
        return new RunDecision(true, BecameTerminal: true);
    }

    public static RunDecision Cancel(SimulationRunState run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.Exists || run.IsTerminal)
        {
            return RunDecision.None;
        }

        run.State = RunState.Cancelled;
        run.Outcome = StepOutcome.Cancelled;
        run.Error = "cancelled on request";
        run.FinishedAt = now;
        return new RunDecision(true, CancelJobId: run.BackendJobId, BecameTerminal: true);
    }

    /// <summary>An event from an earlier attempt's job, or from a job that is not this run's current one.</summary>
    private static bool IsStale(SimulationRunState run, string jobId)
        => run.SupersededJobIds.Contains(jobId) || (run.BackendJobId is not null && run.BackendJobId != jobId);
}
