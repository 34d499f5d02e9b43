namespace Primage.Api.Audit;

/// <summary>A page of the audit trail, oldest first; total counts the whole range.</summary>
public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, int Total, int Skip, int Take);
