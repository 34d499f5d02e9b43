namespace Primage.Kernels.Coupling;

/// <summary>
/// Parameters of the "multiscale-begin" step: the run's config, the macro model's settings and the state
/// after the last finished window. The step's seed is the macro step's (<see cref="MultiscaleFlow.MacroSeed"/>).
/// </summary>
public sealed record MultiscaleBeginParameters(
    MultiscaleConfig Config,
    MacroWindowSettings Macro,
    MultiscaleState State);
