using Primage.Kernels.Survival;
using Primage.Kernels.Survival.Dipg;
using Primage.Kernels.Survival.Neuroblastoma;

namespace Primage.Kernels.Tests.Survival;

public class EndpointPredictorTests
{
    private static readonly NeuroblastomaFeatures _stage4Toddler = new(InssStage.Stage4, 30, false, true, true);

    [Fact]
    public void Neuroblastoma_prediction_has_efs_and_os_at_1_3_5_years_with_intervals()
    {
        var p = EndpointPredictor.ForNeuroblastoma(_stage4Toddler);

        Assert.Equal("neuroblastoma-cox-ridge", p.ModelName);
        Assert.Equal([1.0, 3, 5], p.HorizonsYears);
        Assert.Equal(["EFS", "OS"], p.Endpoints.Select(e => e.Endpoint));
        foreach (var curve in p.Endpoints)
        {
            Assert.Equal([1.0, 3, 5], curve.AtHorizons.Select(h => h.TimeYears));
            Assert.All(curve.Curve, pt => Assert.InRange(pt.Survival, pt.Lower, pt.Upper));
            Assert.Equal(1.0, curve.Curve[0].Survival, 12);
            for (var k = 1; k < curve.Curve.Count; k++)
            {
                Assert.True(curve.Curve[k].Survival <= curve.Curve[k - 1].Survival);
            }

            Assert.True(curve.AtHorizons[2].Upper - curve.AtHorizons[2].Lower > 0.01, "The bootstrap interval at 5 years has a width.");
        }

        Assert.Equal(NeuroblastomaPredictor.PerformanceReference, p.PerformanceReference);
    }

    [Fact]
    public void MYCN_amplification_lowers_efs_and_os()
    {
        var notAmplified = EndpointPredictor.ForNeuroblastoma(_stage4Toddler);
        var amplified = EndpointPredictor.ForNeuroblastoma(_stage4Toddler with { MycnAmplified = true });

        for (var e = 0; e < 2; e++)
        {
            Assert.True(amplified.Endpoints[e].AtHorizons[2].Survival < notAmplified.Endpoints[e].AtHorizons[2].Survival);
        }
    }

    [Fact]
    public void Stage_1_infant_has_better_os_than_stage_4_toddler()
    {
        var low = EndpointPredictor.ForNeuroblastoma(new NeuroblastomaFeatures(InssStage.Stage1, 6, false, false, false));
        var high = EndpointPredictor.ForNeuroblastoma(_stage4Toddler with { MycnAmplified = true });

        Assert.True(low.Endpoints[1].AtHorizons[2].Survival > 0.9);
        Assert.True(high.Endpoints[1].AtHorizons[2].Survival < 0.6);
    }

    [Fact]
    public void Unknown_inputs_are_imputed_and_named_in_the_notes()
    {
        var p = EndpointPredictor.ForNeuroblastoma(new NeuroblastomaFeatures(null, 30, null, null, null));

        Assert.Contains(p.Notes, n => n.Contains("INSS stage", StringComparison.Ordinal) && n.Contains("MYCN", StringComparison.Ordinal));
        var model = EndpointPredictor.NeuroblastomaModel;
        var row = model.Encode(new NeuroblastomaFeatures(null, null, null, null, null));
        for (var j = 0; j < row.Length; j++)
        {
            Assert.Equal((model.ImputationValues[j] - model.Means[j]) / model.StandardDeviations[j], row[j], 12);
        }
    }

    [Fact]
    public void Dipg_returns_the_observed_cohort_curve_while_Jansen_is_blocked()
    {
        Assert.Null(JansenDipgModel.Published);
        var p = EndpointPredictor.ForDipg(new DipgFeatures(84, 1, true, false));

        Assert.Equal("dipg-openpbta-cohort-km", p.ModelName);
        Assert.Contains(p.Notes, n => n.Contains("not invented", StringComparison.Ordinal));
        Assert.Contains(p.Notes, n => n.Contains("relative hazard", StringComparison.Ordinal) && n.Contains("2.53", StringComparison.Ordinal));
        var oneYear = Assert.Single(p.Endpoints[0].AtHorizons);
        Assert.Equal(1.0, oneYear.TimeYears);

        // 42 patients, one censored after 12 months: 18 alive at 12 months gives S = 18/42.
        Assert.Equal(18.0 / 42, oneYear.Survival, 6);
        Assert.True(oneYear.Lower < oneYear.Survival && oneYear.Survival < oneYear.Upper);
    }
}
