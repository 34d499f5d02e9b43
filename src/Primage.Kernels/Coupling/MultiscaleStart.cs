namespace Primage.Kernels.Coupling;

/// <summary>Everything a coupled run starts from: its config, the macro model's settings and the state before the first window.</summary>
public sealed record MultiscaleStart(MultiscaleConfig Config, MacroWindowSettings Macro, MultiscaleState Initial);
