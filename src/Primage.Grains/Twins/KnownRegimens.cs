using Primage.Kernels.Therapy;

namespace Primage.Grains.Twins;

/// <summary>Whether a chemotherapy regimen name is one the kernels can model (the kernel's regimen catalogue).</summary>
public static class KnownRegimens
{
    public static bool Contains(string name) => RegimenCatalogue.TryGet(name, out _);
}
