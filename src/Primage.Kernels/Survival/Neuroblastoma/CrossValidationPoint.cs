namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>Cross-validated partial log-likelihood of one ridge penalty.</summary>
/// <param name="Lambda">Penalty.</param>
/// <param name="CrossValidatedLogLikelihood">Verweij-van Houwelingen CVPL (higher is better).</param>
public sealed record CrossValidationPoint(double Lambda, double CrossValidatedLogLikelihood);
