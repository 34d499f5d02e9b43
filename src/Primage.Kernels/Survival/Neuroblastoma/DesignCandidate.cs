namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>One candidate design: the base columns followed by optional columns.</summary>
/// <param name="Name">Short name used in the report.</param>
/// <param name="ExtraColumns">Optional columns (<see cref="NeuroblastomaEncoding.OptionalColumns"/>) appended to the base columns.</param>
public sealed record DesignCandidate(string Name, IReadOnlyList<string> ExtraColumns)
{
    /// <summary>All columns of the design, base first.</summary>
    public IReadOnlyList<string> Columns => [.. NeuroblastomaEncoding.FeatureNames, .. ExtraColumns];
}
