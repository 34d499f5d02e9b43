using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Primage.Grains.Predictions;
using Primage.Grains.Scheduling;
using Primage.Grains.Twins;

namespace Primage.Grains.Scenarios;

/// <summary>
/// Forks a twin into a what-if forecast. The fork is a copy taken in one read of the twin
/// (<see cref="IPatientTwinGrain.ForkAsync"/>): the twin's observations, its posterior and the
/// prediction version that posterior came from, with the therapies replaced by the scenario's plan.
/// The "forecast" step then starts from that posterior (still valid when the plan only changes
/// therapy after the last absorbed observation; otherwise the kernel recalibrates from the priors
/// on the same observations) and its result stays with the scenario: nothing is written to the twin.
/// Same durability rules as the twin: the input is archived and the state persisted before the
/// step is submitted, so a restart resubmits the same step id, which the scheduler runs once.
/// </summary>
public sealed partial class ScenarioGrain(
    [PersistentState("scenario", StorageNames.Twins)] IPersistentState<ScenarioState> state,
    TimeProvider time,
    ISimulationScheduler scheduler,
    IOptions<PredictionOptions> predictionOptions,
    ILogger<ScenarioGrain> logger) : Grain, IScenarioGrain
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The forecast kernel's limit on paired draws.</summary>
    private const int MaxPairedDraws = 20_000;

    private readonly RetryTimer _retry = new();

    private string TwinId => ScenarioKeys.Split(this.GetPrimaryKeyString()).TwinId;

    private string ScenarioId => ScenarioKeys.Split(this.GetPrimaryKeyString()).ScenarioId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Name is not null && state.State.Status is ScenarioStatus.Pending or ScenarioStatus.Running)
        {
            ScheduleResume(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<WriteResult> StartAsync(string name, IReadOnlyList<TherapyRecord> therapies, string? cohortRunKey = null)
    {
        if (state.State.Name is { } existing)
        {
            return existing == name && state.State.Therapies.SequenceEqual(therapies)
                ? WriteResult.Of(WriteOutcome.Unchanged)
                : WriteResult.Conflict("scenarioId", $"'{ScenarioId}' already holds another plan");
        }

        var fork = await GrainFactory.GetGrain<IPatientTwinGrain>(TwinId).ForkAsync();
        if (fork is null)
        {
            return WriteResult.Of(WriteOutcome.NotFound);
        }

        var errors = Validate(name, therapies, fork.Twin.Profile);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        if (fork.Twin.Observations.Count == 0)
        {
            return WriteResult.Conflict("twin", "has no observations to forecast from");
        }

        var basedOn = fork.Calibration.PosteriorState is null ? null : fork.Calibration.Latest?.Version;
        var stepId = ScenarioKeys.StepId(TwinId, ScenarioId);
        var seed = ScenarioKeys.Seed(TwinId, basedOn);
        var alternative = fork.Twin with { Therapies = [.. therapies.OrderBy(t => t.Start)] };
        // Paired draws for exact comparisons; cohort members are aggregated per scenario, never paired.
        var pairedDraws = cohortRunKey is null ? Math.Clamp(predictionOptions.Value.ScenarioPairedDraws, 0, MaxPairedDraws) : 0;
        var input = ForecastDocuments.BuildInput(stepId, seed, alternative, fork.Calibration, predictionOptions.Value, pairedDraws);

        await GrainFactory.GetGrain<IStepArchiveGrain>(stepId).StoreInputAsync(input.Document);
        state.State = new ScenarioState
        {
            Name = name,
            Therapies = therapies.ToList(),
            BasedOnVersion = basedOn,
            Status = ScenarioStatus.Pending,
            StepId = stepId,
            Seed = seed,
            Origin = input.Origin,
            CreatedAt = time.GetUtcNow(),
            CohortRunKey = cohortRunKey,
        };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITwinScenariosGrain>(TwinId).AddAsync(ScenarioId);
        await SubmitAsync(input.Document);
        return WriteResult.Of(WriteOutcome.Created);
    }

    public Task<ScenarioView?> GetAsync()
    {
        var s = state.State;
        return Task.FromResult(s.Name is null
            ? null
            : new ScenarioView(TwinId, ScenarioId, s.Name, s.Status, s.BasedOnVersion, [.. s.Therapies], s.Seed, s.StepId, s.CreatedAt, s.Prediction, s.Error));
    }

    public Task OnRunFinishedAsync(RunStatus status)
    {
        this.AsReference<IScenarioGrain>().ApplyRunResultAsync(status).Ignore();
        return Task.CompletedTask;
    }

    public async Task ApplyRunResultAsync(RunStatus status)
    {
        if (state.State.Status is ScenarioStatus.Completed or ScenarioStatus.Failed
            || !string.Equals(status.StepId, state.State.StepId, StringComparison.Ordinal) || !status.IsTerminal)
        {
            return; // duplicate, stale or premature
        }

        if (status.State == RunState.Succeeded && status.OutputDocument is { } output)
        {
            try
            {
                var outcome = ForecastDocuments.ReadOutput(output, state.State.Origin);
                var provenance = new PredictionProvenance(
                    outcome.InputHash,
                    state.State.Seed,
                    outcome.ModelVersion,
                    outcome.KernelVersion,
                    status.Backend,
                    state.State.StepId,
                    state.State.CreatedAt,
                    status.StartedAt,
                    status.FinishedAt ?? time.GetUtcNow(),
                    outcome.KernelMilliseconds,
                    outcome.OutputHash);
                await GrainFactory.GetGrain<IStepArchiveGrain>(state.State.StepId).StoreOutputAsync(output);
                if (outcome.PairedDraws is { } draws)
                {
                    // Before the state says completed, so a completed scenario's draws are always there.
                    await GrainFactory.GetGrain<IScenarioDrawsGrain>(this.GetPrimaryKeyString()).StoreAsync(draws);
                }

                state.State.Prediction = new Prediction(
                    state.State.BasedOnVersion ?? 0,
                    time.GetUtcNow(),
                    Array.Empty<string>(), // concrete arrays: stored state must not hold compiler-made collection types
                    state.State.Therapies.Select(t => t.TherapyId).ToArray(),
                    outcome.Trajectory,
                    outcome.EndpointsJson,
                    outcome.ConfidenceJson,
                    outcome.ModelsJson,
                    provenance,
                    outcome.ConfidenceScore);
                state.State.Status = ScenarioStatus.Completed;
                state.State.Error = null;
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or System.Text.Json.JsonException)
            {
                LogRunFailed(logger, state.State.StepId, "unreadable output", ex.Message);
                state.State.Status = ScenarioStatus.Failed;
                state.State.Error = "The forecast output could not be read.";
            }
        }
        else
        {
            LogRunFailed(logger, state.State.StepId, status.State.ToString(), status.Error ?? "");
            state.State.Status = ScenarioStatus.Failed;
            state.State.Error = $"{status.State}: {status.Error}";
        }

        await state.WriteStateAsync();
        if (state.State.CohortRunKey is { } run)
        {
            GrainFactory.GetGrain<Cohorts.ICohortRunGrain>(run)
                .OnMemberFinishedAsync(this.GetPrimaryKeyString(), state.State.Status == ScenarioStatus.Completed).Ignore();
        }
    }

    public async Task ResumeAsync()
    {
        if (state.State.Name is null || state.State.Status is ScenarioStatus.Completed or ScenarioStatus.Failed)
        {
            return;
        }

        var status = await scheduler.GetStatusAsync(state.State.StepId);
        if (status is null)
        {
            var archive = await GrainFactory.GetGrain<IStepArchiveGrain>(state.State.StepId).GetAsync();
            if (archive is null)
            {
                state.State.Status = ScenarioStatus.Failed;
                state.State.Error = "The scenario's input was lost before it reached the scheduler.";
                await state.WriteStateAsync();
                return;
            }

            await SubmitAsync(archive.InputDocument);
        }
        else if (status.IsTerminal)
        {
            await ApplyRunResultAsync(status);
        }
    }

    private async Task SubmitAsync(byte[] input)
    {
        try
        {
            var step = new StepSpec(state.State.StepId, ForecastDocuments.Task, input, StepResources.Default, this.GetPrimaryKeyString());
            var status = await scheduler.SubmitAsync(step, this.AsReference<IRunOwnerGrain>());
            if (state.State.Status == ScenarioStatus.Pending)
            {
                state.State.Status = ScenarioStatus.Running;
                await state.WriteStateAsync();
            }

            if (status.IsTerminal)
            {
                await ApplyRunResultAsync(status);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSubmitFailed(logger, state.State.StepId, ex);
            ScheduleResume(RetryDelay);
        }
    }

    private void ScheduleResume(TimeSpan due) => _retry.Schedule(this, due, ResumeAsync);

    private List<ValidationError> Validate(string name, IReadOnlyList<TherapyRecord> therapies, TwinProfile profile)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors.Add(new("name", "is required (1 to 200 characters)"));
        }

        if (therapies.Count > 50)
        {
            errors.Add(new("therapies", "at most 50 therapies"));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < therapies.Count; i++)
        {
            if (!seen.Add(therapies[i].TherapyId))
            {
                errors.Add(new($"therapies[{i}].therapyId", $"'{therapies[i].TherapyId}' is used twice"));
            }

            foreach (var e in TwinValidator.ValidateTherapy(therapies[i], profile, today, KnownRegimens.Contains))
            {
                errors.Add(new($"therapies[{i}].{e.Field}", e.Reason));
            }
        }

        return errors;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scenario step {StepId} did not succeed: {State} {Error}")]
    private static partial void LogRunFailed(ILogger logger, string stepId, string state, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submitting scenario step {StepId} failed; retrying")]
    private static partial void LogSubmitFailed(ILogger logger, string stepId, Exception exception);
}
