namespace Primage.Grains.Audit;

/// <summary>
/// The audit trail of one twin for one UTC day (key: <see cref="AuditKeys.For"/>), so that a
/// grain's state stays bounded by a day's accesses.
/// </summary>
public interface IAuditGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry; returns once it is persisted.</summary>
    Task AppendAsync(AuditEntry entry);

    /// <summary>The day's entries, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<AuditEntry>> ListAsync();
}
