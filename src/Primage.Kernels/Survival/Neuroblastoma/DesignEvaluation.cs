namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>How one candidate design did in repeated cross-validation on the training split.</summary>
/// <param name="Design">The candidate.</param>
/// <param name="CrossValidation">Per end point, the cross-validation of every penalty tried.</param>
/// <param name="Lambda">Per end point, the penalty chosen for this design.</param>
/// <param name="Score">Selection score: CVPL at the chosen penalty, summed over the end points.</param>
public sealed record DesignEvaluation(
    DesignCandidate Design,
    IReadOnlyDictionary<string, IReadOnlyList<CrossValidationPoint>> CrossValidation,
    IReadOnlyDictionary<string, double> Lambda,
    double Score);
