namespace Primage.Grains.Audit;

/// <summary>Grain keys of the audit trail: "twinId/yyyy-MM-dd" (twin ids never hold '/').</summary>
public static class AuditKeys
{
    public static string For(string twinId, DateOnly day) => $"{twinId}/{day:yyyy-MM-dd}";
}
