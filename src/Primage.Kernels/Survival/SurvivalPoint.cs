namespace Primage.Kernels.Survival;

/// <summary>Predicted survival probability at one time, with its uncertainty interval.</summary>
/// <param name="TimeYears">Time since diagnosis, years (365.25 days).</param>
/// <param name="Survival">Point estimate of S(t).</param>
/// <param name="Lower">Lower limit of the interval (see the prediction's notes for its kind).</param>
/// <param name="Upper">Upper limit of the interval.</param>
public sealed record SurvivalPoint(double TimeYears, double Survival, double Lower, double Upper);
