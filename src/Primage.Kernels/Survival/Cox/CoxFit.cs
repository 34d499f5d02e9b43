namespace Primage.Kernels.Survival.Cox;

/// <summary>A fitted (ridge-penalised) Cox model.</summary>
/// <param name="Coefficients">Log hazard ratios per feature.</param>
/// <param name="Lambda">Ridge penalty used (objective l(beta) - lambda/2 |beta|^2).</param>
/// <param name="LogPartialLikelihood">Unpenalised Breslow log partial likelihood at the estimate.</param>
/// <param name="StandardErrors">Square roots of the diagonal of the inverse penalised information.</param>
/// <param name="Iterations">Newton-Raphson iterations used.</param>
/// <param name="Converged">True when the relative change of the objective fell below the tolerance.</param>
public sealed record CoxFit(
    IReadOnlyList<double> Coefficients,
    double Lambda,
    double LogPartialLikelihood,
    IReadOnlyList<double> StandardErrors,
    int Iterations,
    bool Converged);
