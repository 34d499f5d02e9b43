namespace Primage.Kernels.Survival.Inrg;

/// <summary>INRG staging system stage (Monclair et al., JCO 2009).</summary>
public enum InrgssStage
{
    /// <summary>Localised tumour without image-defined risk factors.</summary>
    L1,

    /// <summary>Locoregional tumour with one or more image-defined risk factors.</summary>
    L2,

    /// <summary>Distant metastatic disease (except MS).</summary>
    M,

    /// <summary>Metastatic disease in children under 18 months confined to skin, liver and/or bone marrow.</summary>
    MS,
}
