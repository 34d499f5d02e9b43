using Primage.Kernels.Survival;
using Primage.Kernels.Survival.Neuroblastoma;

namespace Primage.Kernels.Tests.Survival;

public class NeuroblastomaCoxTrainerTests
{
    // A small synthetic cohort (n = 120) where MYCN amplification multiplies the hazard by e (log HR 1):
    // enough for the structure and determinism checks, small enough to train in well under a second.
    private static NeuroblastomaRecord[] Cohort(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 120).Select(i =>
        {
            var amplified = random.NextDouble() < 0.3;
            var stage = (InssStage)random.Next(5);
            var rate = 0.2 * Math.Exp(amplified ? 1.0 : 0.0);
            var time = -Math.Log(1 - random.NextDouble()) / rate;
            var censor = 1 + (random.NextDouble() * 8);
            var days = Math.Min(time, censor) * NeuroblastomaCoxTrainer.DaysPerYear;
            var features = new NeuroblastomaFeatures(stage, 6 + (random.NextDouble() * 60), amplified, random.NextDouble() < 0.4, i % 7 == 0 ? null : random.NextDouble() < 0.5);
            return new NeuroblastomaRecord($"P{i}", features, days, time <= censor, days, time <= censor);
        })];
    }

    private static readonly TrainingOptions _small = TrainingOptions.Default with { Folds = 3, BootstrapResamples = 5, LambdaGrid = [0, 4, 16] };

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        var data = Cohort(3);
        var a = SurvivalModelStore.Serialize(NeuroblastomaCoxTrainer.Train(data, _small, "m", "1", "synthetic").Model);
        var b = SurvivalModelStore.Serialize(NeuroblastomaCoxTrainer.Train(data, _small, "m", "1", "synthetic").Model);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Trained_model_has_both_endpoints_a_grid_penalty_and_the_requested_replicates()
    {
        var result = NeuroblastomaCoxTrainer.Train(Cohort(5), _small, "m", "1", "synthetic");
        var model = result.Model;

        Assert.Equal(["EFS", "OS"], model.Endpoints.Select(e => e.Endpoint));
        Assert.All(model.Endpoints, e =>
        {
            Assert.Contains(e.Lambda, _small.LambdaGrid);
            Assert.Equal(5, e.Bootstrap.Count);
            Assert.Equal(model.GridYears.Count, e.Fit.CumulativeHazard.Count);
            Assert.Equal(0.0, e.Fit.CumulativeHazard[0]);
        });
        Assert.Equal(3, result.CrossValidation["OS"].Count);

        // The MYCN column carries the simulated effect: its coefficient is the largest positive one.
        var mycn = NeuroblastomaEncoding.FeatureNames.ToList().IndexOf("mycn_amplified");
        var os = model.Endpoint("OS").Fit.Coefficients;
        Assert.Equal(mycn, os.ToList().IndexOf(os.Max()));

        // Unknown sex was imputed with the training prevalence of male.
        var male = NeuroblastomaEncoding.FeatureNames.ToList().IndexOf("male");
        Assert.InRange(model.ImputationValues[male], 0.0, 1.0);
    }

    [Fact]
    public void Stored_design_is_the_candidate_with_the_highest_summed_cvpl_at_penalties_chosen_by_calibration()
    {
        var result = NeuroblastomaCoxTrainer.Train(Cohort(7), _small, "m", "1", "synthetic");

        Assert.Equal(_small.Designs.Select(d => d.Name), result.Designs.Select(d => d.Design.Name));
        var best = result.Designs.First(d => d.Score == result.Designs.Max(e => e.Score));
        Assert.Equal(best.Design.Name, result.ChosenDesign);
        Assert.Equal(best.Design.Columns, result.Model.FeatureNames);
        Assert.Equal(best.Design.Columns.Count, result.Model.Endpoint("EFS").Fit.Coefficients.Count);
        foreach (var d in result.Designs)
        {
            foreach (var endpoint in new[] { "EFS", "OS" })
            {
                var cv = d.CrossValidation[endpoint];
                var closest = cv.Min(c => Math.Abs(c.CalibrationSlope - 1));
                var chosen = cv.Single(c => c.Lambda == d.Lambda[endpoint]);
                Assert.Equal(closest, Math.Abs(chosen.CalibrationSlope - 1));
            }

            Assert.Equal(d.CrossValidation["EFS"].Single(c => c.Lambda == d.Lambda["EFS"]).CrossValidatedLogLikelihood + d.CrossValidation["OS"].Single(c => c.Lambda == d.Lambda["OS"]).CrossValidatedLogLikelihood, d.Score, 9);
        }

        Assert.Equal(result.Designs.Single(d => d.Design.Name == result.ChosenDesign).CrossValidation["EFS"], result.CrossValidation["EFS"]);
        Assert.Equal(best.Lambda["OS"], result.Model.Endpoint("OS").Lambda);
    }

    [Theory]
    [InlineData(123.456789, 3, 123.0)]
    [InlineData(0.00123456, 3, 0.00123)]
    [InlineData(-9.87654, 2, -9.9)]
    [InlineData(0.0, 5, 0.0)]
    public void Stored_numbers_are_rounded_to_significant_digits(double value, int digits, double expected) =>
        Assert.Equal(expected, SurvivalModelStore.Round(value, digits), 12);
}
