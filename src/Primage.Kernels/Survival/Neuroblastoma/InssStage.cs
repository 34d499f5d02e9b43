namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>International Neuroblastoma Staging System stage (2A and 2B are folded into 2).</summary>
public enum InssStage
{
    /// <summary>Stage 1.</summary>
    Stage1,

    /// <summary>Stage 2 (2A or 2B).</summary>
    Stage2,

    /// <summary>Stage 3.</summary>
    Stage3,

    /// <summary>Stage 4.</summary>
    Stage4,

    /// <summary>Stage 4S.</summary>
    Stage4S,
}
