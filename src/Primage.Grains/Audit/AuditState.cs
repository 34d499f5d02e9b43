namespace Primage.Grains.Audit;

/// <summary>Persisted entries of one twin-day, oldest first.</summary>
[GenerateSerializer, Alias("primage.audit-state.v1")]
public sealed class AuditState
{
    [Id(0)]
    public List<AuditEntry> Entries { get; set; } = [];
}
