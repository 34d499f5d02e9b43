namespace Primage.Grains.Audit;

/// <summary>Appends and persists audit entries; memory never runs ahead of storage.</summary>
public sealed class AuditGrain(
    [PersistentState("audit", StorageNames.Twins)] IPersistentState<AuditState> state) : Grain, IAuditGrain
{
    public async Task AppendAsync(AuditEntry entry)
    {
        state.State.Entries.Add(entry);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Entries.RemoveAt(state.State.Entries.Count - 1);
            throw;
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync() => Task.FromResult<IReadOnlyList<AuditEntry>>([.. state.State.Entries]);
}
