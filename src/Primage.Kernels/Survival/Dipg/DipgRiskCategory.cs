namespace Primage.Kernels.Survival.Dipg;

/// <summary>A risk category of the Jansen model: 12-month death probabilities up to <paramref name="UpperProbabilityOfDeath"/>.</summary>
/// <param name="Name">Category name.</param>
/// <param name="UpperProbabilityOfDeath">Upper bound (inclusive) of the 12-month probability of death.</param>
/// <param name="PublishedMedianOsMonths">Median overall survival the paper reports for the category.</param>
public sealed record DipgRiskCategory(string Name, double UpperProbabilityOfDeath, double PublishedMedianOsMonths);
