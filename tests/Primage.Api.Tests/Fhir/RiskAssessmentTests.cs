using Hl7.Fhir.Model;
using Primage.Api.Fhir;
using Primage.Grains.Predictions;

namespace Primage.Api.Tests.Fhir;

public sealed class RiskAssessmentTests
{
    private static Prediction PredictionWith(string endpointsJson) => new(
        3,
        new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
        ["scan-1"],
        [],
        [],
        endpointsJson,
        """{"score": 0.62}""",
        "{}",
        new PredictionProvenance("in", 7, "cal-1:exp", "k-1", "local", "t.cal.3", DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, null, "out"),
        0.62);

    [Fact]
    public void ByDayProbabilitiesBecomeResponseAndProgressionPredictionsByDate()
    {
        var risk = RiskAssessments.From("nb-1", PredictionWith("""
            {"byDay": [
              {"day": 0, "date": "2024-05-01", "probabilityOfResponse": 0.0, "probabilityOfProgression": 0.0},
              {"day": 30, "date": "2024-05-31", "probabilityOfResponse": 0.25, "probabilityOfProgression": 0.05}],
             "probabilityOfResponseByHorizon": 0.25}
            """));
        Assert.Equal("nb-1-v3", risk.Id);
        Assert.Equal("urn:primage:twin", risk.Subject!.Identifier!.System);
        var rows = risk.Prediction.Select(p => $"{p.Outcome!.Text} {((Period)p.When!).End} {((FhirDecimal)p.Probability!).Value}").ToList();
        Assert.Equal(["response 2024-05-01 0", "response 2024-05-31 0.25", "progression 2024-05-01 0", "progression 2024-05-31 0.05"], rows);
        Assert.Contains("0.62", risk.Note.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyDatesAreThinnedToTwelveKeepingTheLast()
    {
        var rows = string.Join(",", Enumerable.Range(0, 100).Select(d => $$"""{"date": "{{new DateOnly(2024, 1, 1).AddDays(d):yyyy-MM-dd}}", "probabilityOfResponse": {{d / 100.0}}}"""));
        var risk = RiskAssessments.From("nb-1", PredictionWith($$"""{"byDay": [{{rows}}]}"""));
        Assert.InRange(risk.Prediction.Count, 2, RiskAssessments.MaxDates + 1);
        Assert.Equal("2024-04-09", ((Period)risk.Prediction[^1].When!).End);
        Assert.Equal(0.99m, ((FhirDecimal)risk.Prediction[^1].Probability!).Value);
    }
}
