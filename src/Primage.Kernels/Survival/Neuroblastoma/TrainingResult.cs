namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>The trained model and how its design and penalties were chosen.</summary>
/// <param name="Model">The model to store.</param>
/// <param name="CrossValidation">Per end point, the cross-validation of every penalty tried for the chosen design.</param>
/// <param name="StandardErrors">Per end point, the model-based standard errors of the point fit's coefficients.</param>
/// <param name="Designs">Every candidate design with its cross-validation, in the order tried.</param>
/// <param name="ChosenDesign">Name of the design stored.</param>
public sealed record TrainingResult(
    NeuroblastomaCoxModel Model,
    IReadOnlyDictionary<string, IReadOnlyList<CrossValidationPoint>> CrossValidation,
    IReadOnlyDictionary<string, IReadOnlyList<double>> StandardErrors,
    IReadOnlyList<DesignEvaluation> Designs,
    string ChosenDesign);
