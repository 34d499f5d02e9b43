namespace Primage.Grains.Twins;

/// <summary>Whether a chemotherapy regimen name is one the kernels can model.</summary>
public static class KnownRegimens
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "rapid-cojec",
        "cojec",
        "temozolomide",
        "vincristine-carboplatin",
        "busulfan-melphalan",
    };

    public static bool Contains(string name) => Names.Contains(name);
}
