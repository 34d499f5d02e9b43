namespace Primage.Kernels.Survival;

/// <summary>A survival prediction for one patient, with what it rests on.</summary>
/// <param name="ModelName">Stable name of the predictor.</param>
/// <param name="Version">Version of the fitted model.</param>
/// <param name="HorizonsYears">Horizons of <see cref="EndpointCurve.AtHorizons"/>, years.</param>
/// <param name="Endpoints">One curve per end point.</param>
/// <param name="RiskCategory">A risk category when the model defines one; null otherwise.</param>
/// <param name="PerformanceReference">Repository path of the model card with the measured performance.</param>
/// <param name="Notes">How the interval is obtained, inputs that were missing and how they were handled.</param>
public sealed record SurvivalPrediction(
    string ModelName,
    string Version,
    IReadOnlyList<double> HorizonsYears,
    IReadOnlyList<EndpointCurve> Endpoints,
    string? RiskCategory,
    string PerformanceReference,
    IReadOnlyList<string> Notes);
