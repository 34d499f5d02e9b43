namespace Primage.Kernels.Calibration;

/// <summary>
/// The outcome of <see cref="PopulationEm.Fit"/>: the population prior N(mu, Omega) on the
/// log-parameters, how the iteration ended, and each subject's last E-step (its MAP log-parameters
/// x_s under the prior of the last E-step and the Laplace covariance C_s there, row-major).
/// </summary>
/// <param name="Prior">N(mu, Omega) of the last M-step, truncated to the bounds.</param>
/// <param name="Iterations">E- and M-steps run.</param>
/// <param name="Converged">True when the last M-step changed no entry of mu or Omega by the tolerance or more.</param>
/// <param name="FinalChange">The largest absolute change of an entry of mu or Omega in the last M-step (log units).</param>
/// <param name="SubjectEstimates">x_s per subject, in the input order.</param>
/// <param name="SubjectCovariances">C_s per subject, row-major d x d.</param>
public sealed record PopulationEmResult(
    LogNormalPrior Prior,
    int Iterations,
    bool Converged,
    double FinalChange,
    IReadOnlyList<double[]> SubjectEstimates,
    IReadOnlyList<double[]> SubjectCovariances);
