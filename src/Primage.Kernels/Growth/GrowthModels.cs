namespace Primage.Kernels.Growth;

/// <summary>The catalogue of growth laws, by stable name.</summary>
public static class GrowthModels
{
    private static readonly IGrowthModel[] _all =
    [
        ExponentialGrowth.Instance,
        LogisticGrowth.Instance,
        GompertzGrowth.Instance,
        PowerLawGrowth.Instance,
        VonBertalanffyGrowth.Instance,
        ExponentialLinearGrowth.Instance,
    ];

    /// <summary>All models: exponential, logistic, gompertz, power-law, von-bertalanffy, exponential-linear.</summary>
    public static IReadOnlyList<IGrowthModel> All => _all;

    /// <summary>The model with that name; throws <see cref="KeyNotFoundException"/> otherwise.</summary>
    public static IGrowthModel Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var model in _all)
        {
            if (string.Equals(model.Name, name, StringComparison.Ordinal))
            {
                return model;
            }
        }

        throw new KeyNotFoundException(
            $"Unknown growth model '{name}'; known models: {string.Join(", ", _all.Select(m => m.Name))}.");
    }
}
