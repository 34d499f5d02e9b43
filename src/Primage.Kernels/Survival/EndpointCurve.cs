namespace Primage.Kernels.Survival;

/// <summary>Predicted survival for one end point (EFS or OS).</summary>
/// <param name="Endpoint">"EFS" (event-free survival) or "OS" (overall survival).</param>
/// <param name="AtHorizons">S(t) at the prediction's horizons.</param>
/// <param name="Curve">S(t) on a regular grid from 0, for plotting.</param>
public sealed record EndpointCurve(string Endpoint, IReadOnlyList<SurvivalPoint> AtHorizons, IReadOnlyList<SurvivalPoint> Curve);
