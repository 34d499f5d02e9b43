namespace Primage.Grains.Multiscale;

/// <summary>Which steps of the current window the run waits for.</summary>
[GenerateSerializer, Alias("primage.multiscale-phase.v1")]
public enum MultiscalePhase
{
    /// <summary>The "multiscale-begin" step (macro window and particularisation).</summary>
    Begin = 0,
    /// <summary>The K "micro" steps of the persisted plan.</summary>
    Micro = 1,
    /// <summary>The "multiscale-complete" step (homogenisation).</summary>
    Complete = 2,
}
