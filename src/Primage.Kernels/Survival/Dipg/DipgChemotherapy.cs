namespace Primage.Kernels.Survival.Dipg;

/// <summary>Chemotherapy received at any time in the disease course (Jansen et al. distinguish oral and intravenous).</summary>
public enum DipgChemotherapy
{
    /// <summary>No chemotherapy.</summary>
    None,

    /// <summary>Oral chemotherapy.</summary>
    Oral,

    /// <summary>Intravenous chemotherapy.</summary>
    Intravenous,
}
