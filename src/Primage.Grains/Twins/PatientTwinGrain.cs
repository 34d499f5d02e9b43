using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Primage.Grains.Predictions;
using Primage.Grains.Scheduling;

namespace Primage.Grains.Twins;

/// <summary>
/// Holds one twin's profile and timeline. Writes validate, mutate, persist, and only then
/// acknowledge; a failed persist rolls the in-memory state back so memory never runs ahead of storage.
/// Every acknowledged change marks the calibration pending (in the same write) and pokes the twin
/// to submit a recalibration through the scheduler; no turn ever waits for a simulation. Arrivals
/// while a run is in flight coalesce into the next run.
/// </summary>
public sealed partial class PatientTwinGrain(
    [PersistentState("twin", StorageNames.Twins)] IPersistentState<TwinState> state,
    TimeProvider time,
    ISimulationScheduler scheduler,
    IOptions<PredictionOptions> predictionOptions,
    ILogger<PatientTwinGrain> logger) : Grain, IPatientTwinGrain
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly RetryTimer _retry = new();
    private bool _watched;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A run submitted before a restart is resumed; data that arrived without a run is calibrated.
        var calibration = state.State.Calibration;
        if (calibration.InFlight is not null || calibration.Pending)
        {
            ScheduleRetry(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public Task<TwinSnapshot?> GetAsync() => Task.FromResult(Snapshot());

    public async Task<WriteResult> PutProfileAsync(TwinProfile profile)
    {
        var errors = TwinValidator.ValidateProfile(profile, Today());
        var current = state.State.Profile;
        if (current is not null)
        {
            foreach (var observation in state.State.Observations)
            {
                if (profile.DiagnosisDate is { } diagnosed && observation.TakenOn < diagnosed)
                {
                    errors.Add(new("diagnosisDate", $"is after observation '{observation.ObservationId}' ({observation.TakenOn:yyyy-MM-dd})"));
                    break;
                }
            }

            foreach (var therapy in state.State.Therapies)
            {
                if (profile.DiagnosisDate is { } diagnosed && therapy.Start < diagnosed)
                {
                    errors.Add(new("diagnosisDate", $"is after therapy '{therapy.TherapyId}' ({therapy.Start:yyyy-MM-dd})"));
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        if (current is not null && !string.Equals(current.Site, profile.Site, StringComparison.Ordinal))
        {
            return WriteResult.Conflict("site", "a twin's site cannot change");
        }

        if (current == profile)
        {
            return WriteResult.Of(WriteOutcome.Unchanged);
        }

        var now = time.GetUtcNow();
        var created = current is null;
        if (state.State.Observations.Count > 0)
        {
            await WatchAsync();
        }

        await Persist(
            s =>
            {
                s.Profile = profile;
                s.UpdatedAt = now;
                if (s.Observations.Count > 0)
                {
                    s.Calibration = s.Calibration with { Pending = true };
                }
                if (created)
                {
                    s.CreatedAt = now;
                }
            });
        await GrainFactory.GetGrain<ISiteIndexGrain>(profile.Site).AddAsync(this.GetPrimaryKeyString());
        Poke();
        return WriteResult.Of(created ? WriteOutcome.Created : WriteOutcome.Updated);
    }

    public async Task<WriteResult> AddObservationAsync(Observation observation)
    {
        if (state.State.Profile is not { } profile)
        {
            return WriteResult.Of(WriteOutcome.NotFound);
        }

        var errors = TwinValidator.ValidateObservation(observation, profile, Today());
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var existing = state.State.Observations.Find(o => o.ObservationId == observation.ObservationId);
        if (existing is not null)
        {
            return existing == observation
                ? WriteResult.Of(WriteOutcome.Unchanged)
                : WriteResult.Conflict("observationId", $"'{observation.ObservationId}' is already stored with different content");
        }

        await WatchAsync();
        await Persist(s =>
        {
            s.Observations.Insert(InsertionIndex(s.Observations, observation.TakenOn, o => o.TakenOn), observation);
            s.Calibration = s.Calibration with { Pending = true };
        });
        Poke();
        return WriteResult.Of(WriteOutcome.Created);
    }

    public async Task<WriteResult> AddTherapyAsync(TherapyRecord therapy)
    {
        if (state.State.Profile is not { } profile)
        {
            return WriteResult.Of(WriteOutcome.NotFound);
        }

        var errors = TwinValidator.ValidateTherapy(therapy, profile, Today(), KnownRegimens.Contains);
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var existing = state.State.Therapies.Find(t => t.TherapyId == therapy.TherapyId);
        if (existing is not null)
        {
            return existing == therapy
                ? WriteResult.Of(WriteOutcome.Unchanged)
                : WriteResult.Conflict("therapyId", $"'{therapy.TherapyId}' is already stored with different content");
        }

        if (state.State.Observations.Count > 0)
        {
            await WatchAsync();
        }

        await Persist(s =>
        {
            s.Therapies.Insert(InsertionIndex(s.Therapies, therapy.Start, t => t.Start), therapy);
            s.Calibration = s.Calibration with { Pending = s.Observations.Count > 0 };
        });
        Poke();
        return WriteResult.Of(WriteOutcome.Created);
    }

    /// <summary>Applies a change to a copy, persists it, and swaps it in only once storage has it.</summary>
    private async Task Persist(Action<TwinState> change)
    {
        var previous = state.State;
        var next = new TwinState
        {
            Profile = previous.Profile,
            Observations = [.. previous.Observations],
            Therapies = [.. previous.Therapies],
            CreatedAt = previous.CreatedAt,
            UpdatedAt = time.GetUtcNow(),
            Calibration = previous.Calibration,
        };
        change(next);
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    public Task<CalibrationView> GetCalibrationAsync()
    {
        var c = state.State.Calibration;
        return Task.FromResult(new CalibrationView(c.Latest, c.Pending, c.InFlight?.StepId, c.LastError));
    }

    public async Task<Scenarios.TwinFork?> ForkAsync()
    {
        if (Snapshot() is not { } twin)
        {
            return null;
        }

        // The posterior lives in the step archive; the fork carries it so the scenario needs no second read.
        var calibration = state.State.Calibration;
        return new Scenarios.TwinFork(
            twin,
            calibration.PosteriorStepId is { } step ? calibration with { PosteriorState = await ReadPosteriorAsync(step) } : calibration);
    }

    public async Task RecalibrateAsync()
    {
        var calibration = state.State.Calibration;
        if (calibration.InFlight is { } ticket)
        {
            await ResumeAsync(ticket);
            return;
        }

        if (!calibration.Pending || state.State.Profile is null || state.State.Observations.Count == 0)
        {
            await UnwatchIfIdleAsync();
            return;
        }

        var twin = Snapshot()!;
        var sequence = calibration.Sequence + 1;
        var stepId = $"{twin.Id}.cal.{sequence}";
        var seed = ForecastDocuments.SeedFor(twin.Id, sequence);
        var withPrior = calibration.PosteriorStepId is { } posteriorStep
            ? calibration with { PosteriorState = await ReadPosteriorAsync(posteriorStep) }
            : calibration;
        var input = ForecastDocuments.BuildInput(stepId, seed, twin, withPrior, predictionOptions.Value);
        var newTicket = new CalibrationTicket(
            stepId,
            seed,
            twin.Observations.Select(o => o.ObservationId).ToArray(),
            twin.Therapies.Select(t => t.TherapyId).ToArray(),
            time.GetUtcNow(),
            input.Origin,
            input.UsesPrior);

        // The ticket is durable before the step is submitted, so a crash in between resubmits the
        // same step id, which the scheduler recognises instead of running it twice.
        await GrainFactory.GetGrain<IStepArchiveGrain>(stepId).StoreInputAsync(input.Document);
        await Persist(s => s.Calibration = s.Calibration with { Sequence = sequence, Pending = false, InFlight = newTicket });
        await SubmitAsync(newTicket, input.Document);
    }

    public Task OnRunFinishedAsync(RunStatus status)
    {
        this.AsReference<IPatientTwinGrain>().ApplyRunResultAsync(status).Ignore();
        return Task.CompletedTask;
    }

    public async Task ApplyRunResultAsync(RunStatus status)
    {
        try
        {
            await ApplyRunResultCoreAsync(status);
        }
        catch (Exception ex)
        {
            // A one-way call: nobody else would see this failure.
            LogApplyFailed(logger, status.StepId, ex);
            throw;
        }
    }

    private async Task ApplyRunResultCoreAsync(RunStatus status)
    {
        var ticket = state.State.Calibration.InFlight;
        if (ticket is null || !string.Equals(ticket.StepId, status.StepId, StringComparison.Ordinal))
        {
            return; // a duplicate or stale callback
        }

        if (status.State == RunState.Succeeded && status.OutputDocument is { } output)
        {
            await StorePredictionAsync(ticket, status, output);
        }
        else
        {
            LogRunFailed(logger, ticket.StepId, status.State.ToString(), status.Error ?? "");
            await Persist(s => s.Calibration = s.Calibration with
            {
                InFlight = null,
                LastError = $"{status.State}: {status.Error}",
            });
        }

        Poke();
        await UnwatchIfIdleAsync();
    }

    /// <summary>
    /// Lists this twin in the durable watch index before calibration work becomes outstanding, so a
    /// restarted silo wakes it (<see cref="ITwinWatchIndexGrain"/>). Added before the state write: a
    /// crash in between leaves an entry with nothing to do, which the woken twin removes.
    /// </summary>
    private async Task WatchAsync()
    {
        if (!_watched)
        {
            await WatchIndex.AddAsync(this.GetPrimaryKeyString());
            _watched = true;
        }
    }

    /// <summary>Leaves the watch index once nothing is pending or in flight.</summary>
    private async Task UnwatchIfIdleAsync()
    {
        var calibration = state.State.Calibration;
        if (calibration.Pending || calibration.InFlight is not null)
        {
            return;
        }

        await WatchIndex.RemoveAsync(this.GetPrimaryKeyString());
        _watched = false;
    }

    private ITwinWatchIndexGrain WatchIndex =>
        GrainFactory.GetGrain<ITwinWatchIndexGrain>(Scheduling.RunIndexShards.ShardOf(this.GetPrimaryKeyString()));

    private async Task StorePredictionAsync(CalibrationTicket ticket, RunStatus status, byte[] output)
    {
        ForecastOutcome outcome;
        try
        {
            outcome = ForecastDocuments.ReadOutput(output, ticket.Origin);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            LogRunFailed(logger, ticket.StepId, "unreadable output", ex.Message);
            await Persist(s => s.Calibration = s.Calibration with { InFlight = null, LastError = "The forecast output could not be read." });
            return;
        }

        var version = (state.State.Calibration.Latest?.Version ?? 0) + 1;
        var provenance = new PredictionProvenance(
            outcome.InputHash,
            ticket.Seed,
            outcome.ModelVersion,
            outcome.KernelVersion,
            status.Backend,
            ticket.StepId,
            ticket.RequestedAt,
            status.StartedAt,
            status.FinishedAt ?? time.GetUtcNow(),
            outcome.KernelMilliseconds,
            outcome.OutputHash);
        var createdAt = time.GetUtcNow();
        var prediction = new Prediction(
            version,
            createdAt,
            ticket.ObservationIds,
            ticket.TherapyIds,
            outcome.Trajectory,
            outcome.EndpointsJson,
            outcome.ConfidenceJson,
            outcome.ModelsJson,
            provenance,
            outcome.ConfidenceScore);

        // Archive and history first, then the twin: a crash before the twin's write re-reads the
        // run's result on reactivation and stores the same output and version again (the archive
        // overwrites identical bytes, the history ignores a version it has). The two writes do not
        // depend on each other, so they go together; the twin is written only once both are durable.
        await Task.WhenAll(
            GrainFactory.GetGrain<IStepArchiveGrain>(ticket.StepId).StoreOutputAsync(output),
            GrainFactory.GetGrain<ITwinPredictionsGrain>(this.GetPrimaryKeyString()).AddAsync(prediction));
        await Persist(s => s.Calibration = s.Calibration with
        {
            InFlight = null,
            Latest = new PredictionSummary(version, createdAt, outcome.ConfidenceScore),
            PosteriorState = null,
            PosteriorStepId = outcome.PosteriorState is null ? null : ticket.StepId,
            PosteriorOrigin = ticket.Origin,
            PosteriorObservationIds = ticket.ObservationIds,
            PosteriorTherapyIds = ticket.TherapyIds,
            LastError = null,
        });
    }

    /// <summary>The posterior state in the archived output of a finished step, or null when it is gone.</summary>
    private async Task<string?> ReadPosteriorAsync(string stepId)
    {
        var archive = await GrainFactory.GetGrain<IStepArchiveGrain>(stepId).GetAsync();
        return archive?.OutputDocument is { } output ? ForecastDocuments.ReadPosterior(output) : null;
    }

    private async Task ResumeAsync(CalibrationTicket ticket)
    {
        var status = await scheduler.GetStatusAsync(ticket.StepId);
        if (status is null)
        {
            var archive = await GrainFactory.GetGrain<IStepArchiveGrain>(ticket.StepId).GetAsync();
            if (archive is null)
            {
                // The ticket was persisted but the input never reached the archive: start again.
                await Persist(s => s.Calibration = s.Calibration with { InFlight = null, Pending = true });
                Poke();
                return;
            }

            await SubmitAsync(ticket, archive.InputDocument);
        }
        else if (status.IsTerminal)
        {
            await ApplyRunResultAsync(status);
        }
    }

    private async Task SubmitAsync(CalibrationTicket ticket, byte[] input)
    {
        try
        {
            var step = new StepSpec(ticket.StepId, ForecastDocuments.Task, input, StepResources.Default, this.GetPrimaryKeyString());
            var status = await scheduler.SubmitAsync(step, this.AsReference<IRunOwnerGrain>());
            if (status.IsTerminal)
            {
                await ApplyRunResultAsync(status);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSubmitFailed(logger, ticket.StepId, ex);
            ScheduleRetry(RetryDelay);
        }
    }

    /// <summary>Asks this twin, after the current turn, to submit a recalibration if one is due.</summary>
    private void Poke()
    {
        var calibration = state.State.Calibration;
        if (calibration.Pending && calibration.InFlight is null)
        {
            this.AsReference<IPatientTwinGrain>().RecalibrateAsync().Ignore();
        }
    }

    private void ScheduleRetry(TimeSpan due) => _retry.Schedule(this, due, RecalibrateAsync);

    /// <summary>Timeline order: by date, and arrival order among equal dates.</summary>
    private static int InsertionIndex<T>(List<T> items, DateOnly date, Func<T, DateOnly> dateOf)
    {
        var index = items.Count;
        while (index > 0 && dateOf(items[index - 1]) > date)
        {
            index--;
        }

        return index;
    }

    private TwinSnapshot? Snapshot()
    {
        var s = state.State;
        return s.Profile is null
            ? null
            : new TwinSnapshot(this.GetPrimaryKeyString(), s.Profile, s.Observations.ToArray(), s.Therapies.ToArray(), s.CreatedAt, s.UpdatedAt);
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calibration step {StepId} did not succeed: {State} {Error}")]
    private static partial void LogRunFailed(ILogger logger, string stepId, string state, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying the result of calibration step {StepId} failed")]
    private static partial void LogApplyFailed(ILogger logger, string stepId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submitting calibration step {StepId} failed; retrying")]
    private static partial void LogSubmitFailed(ILogger logger, string stepId, Exception exception);
}
