namespace Primage.Grains.Twins;

/// <summary>
/// Holds one twin's profile and timeline. Writes validate, mutate, persist, and only then
/// acknowledge; a failed persist rolls the in-memory state back so memory never runs ahead of storage.
/// </summary>
public sealed class PatientTwinGrain(
    [PersistentState("twin", StorageNames.Twins)] IPersistentState<TwinState> state,
    TimeProvider time) : Grain, IPatientTwinGrain
{
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
        await Persist(
            s =>
            {
                s.Profile = profile;
                s.UpdatedAt = now;
                if (created)
                {
                    s.CreatedAt = now;
                }
            });
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

        await Persist(s => s.Observations.Insert(InsertionIndex(s.Observations, observation.TakenOn, o => o.TakenOn), observation));
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

        await Persist(s => s.Therapies.Insert(InsertionIndex(s.Therapies, therapy.Start, t => t.Start), therapy));
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
            : new TwinSnapshot(this.GetPrimaryKeyString(), s.Profile, [.. s.Observations], [.. s.Therapies], s.CreatedAt, s.UpdatedAt);
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
