using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// Parameters of the "multiscale-complete" step: the run's config, the state the window started from, the
/// window's plan and the K region outputs in region order (index k is the output of plan region k).
/// </summary>
public sealed record MultiscaleCompleteParameters(
    MultiscaleConfig Config,
    MultiscaleState State,
    WindowPlan Plan,
    IReadOnlyList<MicroRegionOutput> Outputs);
