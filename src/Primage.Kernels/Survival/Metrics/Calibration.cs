using Primage.Kernels.Survival.Cox;

namespace Primage.Kernels.Survival.Metrics;

/// <summary>Calibration measures of survival predictions on evaluation data.</summary>
public static class Calibration
{
    /// <summary>
    /// Calibration slope (van Houwelingen 2000): refit h(t|x) = h0(t) exp(gamma * eta) on the evaluation data,
    /// eta the model's linear predictor (prognostic index); gamma is the slope (unpenalised Cox, Breslow ties).
    /// </summary>
    public static CalibrationSlope Slope(IReadOnlyList<double> times, IReadOnlyList<bool> events, IReadOnlyList<double> linearPredictor)
    {
        Concordance.Check(times, events, linearPredictor);
        var x = linearPredictor.Select(v => new[] { v }).ToArray();
        var fit = CoxRidge.Fit(x, times, events, lambda: 0);
        var slope = fit.Coefficients[0];
        var se = fit.StandardErrors[0];
        return new CalibrationSlope(slope, se, slope - (1.959964 * se), slope + (1.959964 * se));
    }

    /// <summary>
    /// Calibration-in-the-large at a horizon: observed Kaplan-Meier survival at t minus the mean predicted S(t).
    /// Positive means the model is too pessimistic on average.
    /// </summary>
    public static double InTheLarge(KaplanMeierCurve observed, IReadOnlyList<double> predictedSurvival, double t)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(predictedSurvival);
        return observed.SurvivalAt(t) - predictedSurvival.Average();
    }
}
