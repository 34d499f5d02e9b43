namespace Primage.Api.Audit;

/// <summary>One audit entry on the wire.</summary>
public sealed record AuditEntryDto(DateTimeOffset At, string TwinId, string Subject, string Role, string Action, int Status);
