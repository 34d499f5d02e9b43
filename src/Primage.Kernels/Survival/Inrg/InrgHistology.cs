namespace Primage.Kernels.Survival.Inrg;

/// <summary>Histologic category used by the INRG pre-treatment classification.</summary>
public enum InrgHistology
{
    /// <summary>Ganglioneuroma, maturing.</summary>
    GanglioneuromaMaturing,

    /// <summary>Ganglioneuroblastoma, intermixed.</summary>
    GanglioneuroblastomaIntermixed,

    /// <summary>Ganglioneuroblastoma, nodular.</summary>
    GanglioneuroblastomaNodular,

    /// <summary>Neuroblastoma.</summary>
    Neuroblastoma,
}
