namespace Primage.Kernels.Growth;

/// <summary>A model parameter: its name, unit, meaning and the range a fit may explore.</summary>
public sealed record ModelParameter(string Name, string Unit, string Description, double Lower, double Upper);
