namespace Primage.Kernels.Survival.Dipg;

/// <summary>The Jansen model's output for one patient.</summary>
/// <param name="LinearPredictor">Shrunken linear predictor s * sum beta_j x_j.</param>
/// <param name="ProbabilityOfDeath12Months">1 - S0(12)^exp(eta).</param>
/// <param name="Survival12Months">S0(12)^exp(eta).</param>
/// <param name="Category">Risk category.</param>
public sealed record DipgPrediction12Months(double LinearPredictor, double ProbabilityOfDeath12Months, double Survival12Months, DipgRiskCategory Category);
