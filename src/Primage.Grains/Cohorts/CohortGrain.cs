namespace Primage.Grains.Cohorts;

/// <inheritdoc cref="ICohortGrain"/>
public sealed class CohortGrain(
    [PersistentState("cohort", StorageNames.Twins)] IPersistentState<CohortState> state,
    TimeProvider time) : Grain, ICohortGrain
{
    public async Task<CohortView> AddMembersAsync(IReadOnlyList<string> twinIds)
    {
        var known = state.State.TwinIds.ToHashSet(StringComparer.Ordinal);
        var added = twinIds.Where(known.Add).ToList();
        if (added.Count > 0 || !state.RecordExists)
        {
            if (!state.RecordExists)
            {
                state.State.CreatedAt = time.GetUtcNow();
            }

            state.State.TwinIds.AddRange(added);
            await state.WriteStateAsync();
        }

        return View();
    }

    public async Task AddRunAsync(string runId)
    {
        if (!state.State.RunIds.Contains(runId))
        {
            state.State.RunIds.Add(runId);
            await state.WriteStateAsync();
        }
    }

    public Task<CohortView?> GetAsync() => Task.FromResult(state.RecordExists ? View() : null);

    private CohortView View() => new(this.GetPrimaryKeyString(), [.. state.State.TwinIds], [.. state.State.RunIds], state.State.CreatedAt);
}
