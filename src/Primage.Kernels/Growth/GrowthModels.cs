namespace Primage.Kernels.Growth;

/// <summary>The catalogue of growth laws, by stable name.</summary>
public static class GrowthModels
{
    /// <summary>All models: exponential, logistic, gompertz, power-law, von-bertalanffy, exponential-linear.</summary>
    public static IReadOnlyList<IGrowthModel> All => throw new NotImplementedException("Filled in by the growth-model work.");

    /// <summary>The model with that name; throws <see cref="KeyNotFoundException"/> otherwise.</summary>
    public static IGrowthModel Get(string name) => throw new NotImplementedException("Filled in by the growth-model work.");
}
