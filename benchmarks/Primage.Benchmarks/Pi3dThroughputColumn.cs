using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Primage.Benchmarks;

/// <summary>
/// Derived columns for <see cref="Pi3dBenchmark"/>: voxel (or element) updates per second, GB/s moved
/// (bytes per operation from the benchmark's documented counts), and the step's bandwidth as a
/// percentage of the triad's on the same number of cores, both from this run.
/// </summary>
public sealed class Pi3dThroughputColumn(Pi3dThroughputColumn.Kind kind) : IColumn
{
    public enum Kind
    {
        UpdatesPerSecond,
        Bandwidth,
        BoundPercent,
    }

    public string Id => $"Pi3d.{kind}";

    public string ColumnName => kind switch
    {
        Kind.UpdatesPerSecond => "Updates/s",
        Kind.Bandwidth => "GB/s",
        _ => "Bound %",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => kind switch
    {
        Kind.UpdatesPerSecond => "Voxel updates (step) or elements (triad) per second",
        Kind.Bandwidth => "Bytes moved per second, STREAM convention (step 28 B/voxel, triad 24 B/element), 1 GB = 1e9 B",
        _ => "Step bandwidth / triad bandwidth on the same number of cores, this run",
    };

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var name = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var rate = UpdatesPerSecond(summary, benchmarkCase);
        if (rate is null)
        {
            return "-";
        }

        var bytesPerUpdate = name.Contains("Step", StringComparison.Ordinal) ? Pi3dBenchmark.StepBytesPerVoxel : Pi3dBenchmark.TriadBytesPerElement;
        var gbs = rate.Value * bytesPerUpdate / 1e9;
        switch (kind)
        {
            case Kind.UpdatesPerSecond:
                return rate.Value.ToString("E3", System.Globalization.CultureInfo.InvariantCulture);
            case Kind.Bandwidth:
                return gbs.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            default:
                if (!name.Contains("Step", StringComparison.Ordinal))
                {
                    return "-";
                }

                var triadName = name.Replace("Step", "Triad", StringComparison.Ordinal);
                var triad = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod.Name == triadName);
                var triadRate = triad is null ? null : UpdatesPerSecond(summary, triad);
                return triadRate is null
                    ? "-"
                    : (100 * gbs / (triadRate.Value * Pi3dBenchmark.TriadBytesPerElement / 1e9)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public override string ToString() => ColumnName;

    private static double? UpdatesPerSecond(Summary summary, BenchmarkCase benchmarkCase)
    {
        var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is null or <= 0)
        {
            return null;
        }

        var perOperation = benchmarkCase.Descriptor.WorkloadMethod.Name.Contains("Step", StringComparison.Ordinal)
            ? (double)Pi3dBenchmark.Edge * Pi3dBenchmark.Edge * Pi3dBenchmark.Edge
            : Pi3dBenchmark.TriadLength;
        return perOperation / (meanNs.Value * 1e-9);
    }
}
