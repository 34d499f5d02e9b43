namespace Primage.Kernels.Survival.Metrics;

/// <summary>Calibration slope of a prognostic index: the coefficient of a Cox model refitted on it.</summary>
/// <param name="Slope">Coefficient of the linear predictor; 1 is ideal, below 1 means the predictions are too extreme (overfitting).</param>
/// <param name="StandardError">Standard error of the slope (inverse observed information).</param>
/// <param name="Lower">Lower 95% Wald limit.</param>
/// <param name="Upper">Upper 95% Wald limit.</param>
public sealed record CalibrationSlope(double Slope, double StandardError, double Lower, double Upper);
