using MathNet.Numerics.Statistics;

namespace Primage.Kernels.Survival.Neuroblastoma;

/// <summary>Survival predictions from a stored <see cref="NeuroblastomaCoxModel"/>.</summary>
public static class NeuroblastomaPredictor
{
    /// <summary>Horizons reported, years.</summary>
    public static IReadOnlyList<double> HorizonsYears { get; } = [1.0, 3.0, 5.0];

    /// <summary>Model card with the measured performance.</summary>
    public const string PerformanceReference = "docs/model-cards/neuroblastoma-cox-ridge.md";

    /// <summary>EFS and OS curves with 95% bootstrap percentile intervals.</summary>
    public static SurvivalPrediction Predict(NeuroblastomaCoxModel model, NeuroblastomaFeatures features)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var row = model.Encode(features);
        var curves = new List<EndpointCurve>();
        foreach (var endpoint in model.Endpoints)
        {
            var points = new List<SurvivalPoint>();
            for (var k = 0; k < model.GridYears.Count; k++)
            {
                var (point, replicates) = model.SurvivalAtGrid(endpoint.Endpoint, row, k);
                Array.Sort(replicates);
                var lower = replicates.Length > 0 ? SortedArrayStatistics.Quantile(replicates, 0.025) : point;
                var upper = replicates.Length > 0 ? SortedArrayStatistics.Quantile(replicates, 0.975) : point;
                points.Add(new SurvivalPoint(model.GridYears[k], point, Math.Min(lower, point), Math.Max(upper, point)));
            }

            var atHorizons = HorizonsYears.Select(h => points.First(p => Math.Abs(p.TimeYears - h) < 1e-9)).ToArray();
            curves.Add(new EndpointCurve(endpoint.Endpoint, atHorizons, points));
        }

        var notes = new List<string>
        {
            $"Ridge Cox model per end point; interval: 2.5 and 97.5 percentiles of S(t|x) over {model.Endpoints[0].Bootstrap.Count} bootstrap refits on the training split.",
        };
        var missing = new List<string>();
        if (features.Stage is null)
        {
            missing.Add("INSS stage");
        }

        if (features.AgeAtDiagnosisMonths is null)
        {
            missing.Add("age at diagnosis");
        }

        if (features.MycnAmplified is null)
        {
            missing.Add("MYCN");
        }

        if (features.HighRisk is null)
        {
            missing.Add("clinical high-risk flag");
        }

        if (features.Male is null)
        {
            missing.Add("sex");
        }

        if (missing.Count > 0)
        {
            notes.Add("Unknown inputs imputed with the training mean of their columns: " + string.Join(", ", missing) + ".");
        }

        return new SurvivalPrediction(model.Name, model.Version, HorizonsYears, curves, null, PerformanceReference, notes);
    }
}
