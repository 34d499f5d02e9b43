namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>Repeated cross-validation on the training split of one ridge penalty, averaged over the repeats.</summary>
/// <param name="Lambda">Penalty.</param>
/// <param name="CrossValidatedLogLikelihood">Verweij-van Houwelingen CVPL (higher is better).</param>
/// <param name="CalibrationSlope">Calibration slope of the out-of-fold linear predictors (1 ideal).</param>
/// <param name="HarrellC">Harrell's C of the out-of-fold linear predictors.</param>
public sealed record CrossValidationPoint(double Lambda, double CrossValidatedLogLikelihood, double CalibrationSlope, double HarrellC);
