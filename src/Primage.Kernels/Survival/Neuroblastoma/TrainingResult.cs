namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>The trained model and how its penalties were chosen.</summary>
/// <param name="Model">The model to store.</param>
/// <param name="CrossValidation">Per end point, the CVPL of every penalty tried.</param>
/// <param name="StandardErrors">Per end point, the model-based standard errors of the point fit's coefficients.</param>
public sealed record TrainingResult(
    NeuroblastomaCoxModel Model,
    IReadOnlyDictionary<string, IReadOnlyList<CrossValidationPoint>> CrossValidation,
    IReadOnlyDictionary<string, IReadOnlyList<double>> StandardErrors);
