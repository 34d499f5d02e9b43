using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Primage.Grains.Scheduling;
using Primage.Grains.Twins;
using Primage.Kernels.Coupling;
using Primage.Kernels.Micro;

namespace Primage.Grains.Multiscale;

/// <summary>
/// Drives one coupled run window by window through the scheduler; the numerics all run in steps:
/// <code>
/// Begin:    submit "multiscale-begin" {config, macro, state}          -> plan (persisted)
/// Micro:    submit K "micro" steps of the plan (any order, any backend) -> outputs (persisted as they arrive)
/// Complete: submit "multiscale-complete" {config, state, plan, outputs} -> next state (persisted), next window
/// </code>
/// Same durability rules as the scenarios: every transition is persisted before the next step is submitted,
/// and the step inputs are rebuilt from the persisted documents, so after a restart the run resubmits the same
/// bytes under the same step ids (the scheduler answers with the run it holds, finished or not) and never
/// repeats a finished step. A finished run tells this grain through a one-way self-call; activation, a retry
/// timer after a failed submission, the watchdog reminder of its <see cref="IMultiscaleRunIndexGrain"/> shard
/// and the silo's wake pass over those shards at start cover a lost callback or a stop between two steps.
/// </summary>
public sealed partial class MultiscaleRunGrain(
    [PersistentState("multiscale-run", StorageNames.Twins)] IPersistentState<MultiscaleRunState> state,
    TimeProvider time,
    ISimulationScheduler scheduler,
    ILogger<MultiscaleRunGrain> logger) : Grain, IMultiscaleRunGrain
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly RetryTimer _retry = new();

    private string Key => this.GetPrimaryKeyString();

    private string TwinId => MultiscaleKeys.Split(Key).TwinId;

    private string RunId => MultiscaleKeys.Split(Key).RunId;

    private MultiscaleRunState Run => state.State;

    private bool InProgress => Run.Request is not null && Run.Status is MultiscaleRunStatus.Pending or MultiscaleRunStatus.Running;

    private IMultiscaleRunIndexGrain Index => GrainFactory.GetGrain<IMultiscaleRunIndexGrain>(RunIndexShards.ShardOf(Key));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (InProgress)
        {
            ScheduleResume(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<WriteResult> StartAsync(MultiscaleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Validate() is { Count: > 0 } errors)
        {
            return WriteResult.Invalid(errors);
        }

        if (Run.Request is { } existing)
        {
            return existing == request
                ? WriteResult.Of(WriteOutcome.Unchanged)
                : WriteResult.Conflict("runId", $"'{RunId}' already holds another request");
        }

        var twin = await GrainFactory.GetGrain<IPatientTwinGrain>(TwinId).GetAsync();
        if (twin is null)
        {
            return WriteResult.Of(WriteOutcome.NotFound);
        }

        if (twin.Profile.Diagnosis != Diagnosis.Neuroblastoma)
        {
            return WriteResult.Conflict("diagnosis", $"multiscale runs model neuroblastoma; this twin is {TwinVocabulary.ToWire(twin.Profile.Diagnosis)}");
        }

        if (twin.Observations.Count == 0)
        {
            return WriteResult.Conflict("observations", "the twin has no observation to start the run from");
        }

        var (patient, latest) = MultiscaleTwinInputs.From(twin);
        var start = MultiscaleSetup.Build(patient, request.Windows, request.Regions, request.AgentCapPerRegion, request.Seed);

        // Index first: a stop between the two writes leaves an index entry whose wake finds nothing to do.
        await Index.AddAsync(Key);
        state.State = new MultiscaleRunState
        {
            Request = request,
            Status = MultiscaleRunStatus.Pending,
            Phase = MultiscalePhase.Begin,
            Window = 0,
            Config = JsonSerializer.SerializeToUtf8Bytes(start.Config, MicroJson.Options),
            Macro = JsonSerializer.SerializeToUtf8Bytes(start.Macro, MicroJson.Options),
            State = MultiscaleFlow.SerialiseState(start.Initial),
            CreatedAt = time.GetUtcNow(),
            StartDate = latest.TakenOn,
            ObservationId = latest.ObservationId,
            InitialTumourVolumeMm3 = start.Initial.Fields.TumourVolumeMm3(),
        };
        await state.WriteStateAsync();
        LogStarted(logger, Key, request.Windows, request.Regions, request.AgentCapPerRegion);
        await DriveAsync();
        return WriteResult.Of(WriteOutcome.Created);
    }

    public Task<MultiscaleRunView?> GetAsync()
    {
        var r = Run;
        return Task.FromResult(r.Request is null
            ? null
            : new MultiscaleRunView(
                TwinId, RunId, r.Status, r.Request, r.Trajectory.Count, r.StartDate, r.ObservationId, r.InitialTumourVolumeMm3,
                [.. r.Trajectory], r.Error, r.CreatedAt, r.FinishedAt));
    }

    public Task<byte[]?> GetStateDocumentAsync() => Task.FromResult(Run.Request is null ? null : Run.State);

    public Task OnRunFinishedAsync(RunStatus status)
    {
        this.AsReference<IMultiscaleRunGrain>().ApplyRunResultAsync(status).Ignore();
        return Task.CompletedTask;
    }

    public async Task ApplyRunResultAsync(RunStatus status)
    {
        bool advanced;
        try
        {
            advanced = await ApplyAsync(status);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecoverAsync(ex);
            return;
        }

        if (advanced)
        {
            await DriveAsync();
        }
    }

    public Task ResumeAsync() => InProgress ? DriveAsync() : Task.CompletedTask;

    /// <summary>
    /// Submits every step the current phase still waits for (the scheduler returns the run it already holds
    /// for a step id) and applies those already finished, until the run waits on a step in flight or ends.
    /// </summary>
    private async Task DriveAsync()
    {
        try
        {
            while (InProgress)
            {
                List<StepSpec> steps;
                try
                {
                    steps = PendingSteps();
                }
                catch (JsonException ex)
                {
                    await FailAsync($"a stored document of window {Run.Window} could not be read: {ex.Message}");
                    return;
                }

                var advanced = false;
                foreach (var step in steps)
                {
                    var status = await scheduler.SubmitAsync(step, this.AsReference<IRunOwnerGrain>());
                    if (Run.Status == MultiscaleRunStatus.Pending)
                    {
                        Run.Status = MultiscaleRunStatus.Running;
                        await state.WriteStateAsync();
                    }

                    if (status.IsTerminal && await ApplyAsync(status))
                    {
                        advanced = true;
                        break;
                    }

                    if (!InProgress)
                    {
                        return;
                    }
                }

                if (!advanced)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecoverAsync(ex);
        }
    }

    /// <summary>The current phase's steps not yet applied, with their inputs rebuilt from the persisted documents.</summary>
    private List<StepSpec> PendingSteps()
    {
        var w = Run.Window;
        switch (Run.Phase)
        {
            case MultiscalePhase.Begin:
                var begin = MultiscaleKeys.BeginStepId(TwinId, RunId, w);
                return [Spec(begin, MultiscaleBeginStepTask.TaskName, MultiscaleStepDocuments.BuildBeginInput(begin, Config(), Macro(), CurrentState()))];
            case MultiscalePhase.Micro:
                var plan = Plan();
                var documents = MicroStepDocuments.BuildInputs(MultiscaleKeys.StepPrefix(TwinId, RunId), plan);
                var micro = new List<StepSpec>();
                for (var k = 0; k < documents.Count; k++)
                {
                    if (!Run.Outputs.ContainsKey(k))
                    {
                        micro.Add(Spec(MultiscaleKeys.MicroStepId(TwinId, RunId, w, k), MicroStepTask.TaskName, documents[k]));
                    }
                }

                return micro;
            default:
                var complete = MultiscaleKeys.CompleteStepId(TwinId, RunId, w);
                var outputs = Enumerable.Range(0, Run.RegionCount)
                    .Select(k => JsonSerializer.Deserialize<MicroRegionOutput>(Run.Outputs[k], MicroJson.Options)
                        ?? throw new JsonException($"the stored output of region {k} is null"))
                    .ToList();
                return [Spec(complete, MultiscaleCompleteStepTask.TaskName,
                    MultiscaleStepDocuments.BuildCompleteInput(complete, Config(), CurrentState(), Plan(), outputs))];
        }
    }

    /// <summary>
    /// Applies one finished step of the current phase (stale, repeated and unrelated statuses are ignored);
    /// true when the run moved to another phase or ended.
    /// </summary>
    private async Task<bool> ApplyAsync(RunStatus status)
    {
        if (!InProgress || !status.IsTerminal)
        {
            return false;
        }

        var w = Run.Window;
        var id = status.StepId;
        var region = -1;
        var expected = Run.Phase switch
        {
            MultiscalePhase.Begin => id == MultiscaleKeys.BeginStepId(TwinId, RunId, w),
            MultiscalePhase.Complete => id == MultiscaleKeys.CompleteStepId(TwinId, RunId, w),
            _ => (region = MicroRegionOf(id, w)) >= 0 && !Run.Outputs.ContainsKey(region),
        };
        if (!expected)
        {
            return false;
        }

        if (status.State != RunState.Succeeded || status.OutputDocument is not { } output)
        {
            LogStepFailed(logger, id, status.State.ToString(), status.Error ?? "");
            await FailAsync($"step {id} {status.State.ToString().ToLowerInvariant()}: {status.Error ?? "no output"}");
            return true;
        }

        try
        {
            var result = MultiscaleStepDocuments.Result(output);
            switch (Run.Phase)
            {
                case MultiscalePhase.Begin:
                    var plan = MultiscaleStepDocuments.ParsePlan(result);
                    Run.Plan = JsonSerializer.SerializeToUtf8Bytes(plan, MicroJson.Options);
                    Run.RegionCount = plan.Regions.Count;
                    Run.Outputs.Clear();
                    Run.Phase = plan.Regions.Count == 0 ? MultiscalePhase.Complete : MultiscalePhase.Micro;
                    break;
                case MultiscalePhase.Micro:
                    var micro = MicroStepDocuments.ParseResult(result);
                    Run.Outputs[region] = JsonSerializer.SerializeToUtf8Bytes(micro, MicroJson.Options);
                    if (Run.Outputs.Count < Run.RegionCount)
                    {
                        await state.WriteStateAsync();
                        return false;
                    }

                    Run.Phase = MultiscalePhase.Complete;
                    break;
                default:
                    var next = MultiscaleStepDocuments.ParseState(result);
                    if (next.NextWindow != w + 1 || next.History.Count != w + 1)
                    {
                        throw new JsonException($"the complete step of window {w} returned the state after window {next.NextWindow - 1}");
                    }

                    Run.State = MultiscaleFlow.SerialiseState(next);
                    Run.Plan = null;
                    Run.RegionCount = 0;
                    Run.Outputs.Clear();
                    Run.Trajectory.Add(MultiscaleWindow.From(next.History[^1]));
                    Run.Window = next.NextWindow;
                    Run.Phase = MultiscalePhase.Begin;
                    LogWindowDone(logger, Key, w, next.History[^1].TumourVolumeMm3);
                    if (Run.Window >= Run.Request!.Windows)
                    {
                        Run.Status = MultiscaleRunStatus.Completed;
                        Run.FinishedAt = time.GetUtcNow();
                    }

                    break;
            }
        }
        catch (JsonException ex)
        {
            LogStepFailed(logger, id, "unreadable output", ex.Message);
            await FailAsync($"the output of step {id} could not be read: {ex.Message}");
            return true;
        }

        await state.WriteStateAsync();
        if (Run.Status == MultiscaleRunStatus.Completed)
        {
            StopTimers();
            await Index.RemoveAsync(Key);
        }

        return true;
    }

    /// <summary>The region index of a micro step id of window <paramref name="window"/>, or -1.</summary>
    private int MicroRegionOf(string stepId, int window)
    {
        for (var k = 0; k < Run.RegionCount; k++)
        {
            if (stepId == MultiscaleKeys.MicroStepId(TwinId, RunId, window, k))
            {
                return k;
            }
        }

        return -1;
    }

    private async Task FailAsync(string error)
    {
        var phase = Run.Phase;
        var window = Run.Window;
        var pending = phase == MultiscalePhase.Micro
            ? Enumerable.Range(0, Run.RegionCount).Where(k => !Run.Outputs.ContainsKey(k)).Select(k => MultiscaleKeys.MicroStepId(TwinId, RunId, window, k)).ToList()
            : [];
        Run.Status = MultiscaleRunStatus.Failed;
        Run.Error = error;
        Run.FinishedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        StopTimers();
        await Index.RemoveAsync(Key);

        // The other micro steps of the window are of no use now; cancelling is best effort.
        foreach (var stepId in pending)
        {
            try
            {
                await scheduler.CancelAsync(stepId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCancelFailed(logger, stepId, ex);
            }
        }
    }

    /// <summary>After a failed write or call: back to what storage holds, and try again shortly.</summary>
    private async Task RecoverAsync(Exception ex)
    {
        LogDriveFailed(logger, Key, ex);
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception readFailure) when (readFailure is not OperationCanceledException)
        {
            LogDriveFailed(logger, Key, readFailure);
        }

        ScheduleResume(RetryDelay);
    }

    private StepSpec Spec(string stepId, string task, byte[] input) => new(stepId, task, input, StepResources.Default, Key);

    private MultiscaleConfig Config()
        => JsonSerializer.Deserialize<MultiscaleConfig>(Run.Config, MicroJson.Options) ?? throw new JsonException("the stored config is null");

    private MacroWindowSettings Macro()
        => JsonSerializer.Deserialize<MacroWindowSettings>(Run.Macro, MicroJson.Options) ?? throw new JsonException("the stored macro settings are null");

    private MultiscaleState CurrentState() => MultiscaleFlow.DeserialiseState(Run.State);

    private WindowPlan Plan() => MultiscaleFlow.DeserialisePlan(Run.Plan ?? throw new JsonException("no stored plan"));

    private void ScheduleResume(TimeSpan due) => _retry.Schedule(this, due, ResumeAsync);

    private void StopTimers()
    {
        _retry.Cancel();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Multiscale run {Key} started: {Windows} windows, {Regions} regions of at most {AgentCap} agents")]
    private static partial void LogStarted(ILogger logger, string key, int windows, int regions, int agentCap);

    [LoggerMessage(Level = LogLevel.Information, Message = "Multiscale run {Key} finished window {Window}: tumour {VolumeMm3} mm^3")]
    private static partial void LogWindowDone(ILogger logger, string key, int window, double volumeMm3);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Multiscale step {StepId} did not succeed: {State} {Error}")]
    private static partial void LogStepFailed(ILogger logger, string stepId, string state, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Driving multiscale run {Key} failed; retrying")]
    private static partial void LogDriveFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cancelling multiscale step {StepId} failed")]
    private static partial void LogCancelFailed(ILogger logger, string stepId, Exception exception);
}
