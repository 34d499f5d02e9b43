namespace Primage.Kernels.Micro;

/// <summary>
/// The six cellularity fractions: neuroblasts and Schwann cells, each alive, apoptotic and necrotic.
/// They sum to one (fractions of all cells present, lysed cells excluded).
/// </summary>
public sealed record CellularityFractions(
    double NbAlive,
    double NbApoptotic,
    double NbNecrotic,
    double ScAlive,
    double ScApoptotic,
    double ScNecrotic)
{
    public double Sum => NbAlive + NbApoptotic + NbNecrotic + ScAlive + ScApoptotic + ScNecrotic;

    public double this[int index] => index switch
    {
        0 => NbAlive,
        1 => NbApoptotic,
        2 => NbNecrotic,
        3 => ScAlive,
        4 => ScApoptotic,
        5 => ScNecrotic,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Builds from six values in the order of the indexer.</summary>
    public static CellularityFractions FromSpan(ReadOnlySpan<double> f) => new(f[0], f[1], f[2], f[3], f[4], f[5]);

    public void CopyTo(Span<double> destination)
    {
        for (var i = 0; i < 6; i++)
        {
            destination[i] = this[i];
        }
    }
}
