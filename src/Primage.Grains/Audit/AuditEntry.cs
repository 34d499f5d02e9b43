namespace Primage.Grains.Audit;

/// <summary>
/// One access to a twin: who (token subject and role), what (the route's action), the outcome
/// status and when. Never clinical values.
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.audit-entry.v1")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string TwinId,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Role,
    [property: Id(4)] string Action,
    [property: Id(5)] int Status);
