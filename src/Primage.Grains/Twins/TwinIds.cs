using System.Text.RegularExpressions;

namespace Primage.Grains.Twins;

/// <summary>Rules for client-chosen identifiers (twin ids, observation and therapy ids, site codes).</summary>
public static partial class TwinIds
{
    /// <summary>1-64 characters of letters, digits, '-' and '_'.</summary>
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
