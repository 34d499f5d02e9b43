using System.Text;
using System.Text.Json;
using Primage.Kernels.Runner;

namespace Primage.Kernels.Tests.Macro;

public class Pi3dTaskTests
{
    internal static string Document(int threads) => $$$$"""
        {"schema":"primage.step/1","stepId":"pi3d-test","task":"pi3d","seed":0,"parameters":{
          "grid":[20,18,16],"voxelMm":1.0,"rho":0.05,
          "tissue":{"labels":[{{{{string.Join(",", Enumerable.Range(0, 20 * 18 * 16).Select(p => p % 20 < 2 ? 0 : p % 7 == 0 ? 1 : 2))}}}}],"dByLabel":[0,0.05,0.2]},
          "v0Mm3":400,"horizonDays":60,"outputDays":[0,10,30,60],"threads":{{{{threads}}}},
          "therapy":{"alphaPerGy":0.04,"alphaOverBetaGy":10,
            "radiotherapy":[{"startDay":14,"startWeekday":0,"dosePerFractionGy":1.8,"fractions":10}],
            "chemotherapy":[{"startDay":35,"cycles":2,"cycleIntervalDays":10,"decayPerDay":0.3,"killPerDayPerExposure":0.2}]}}}
        """;

    private static byte[] Run(string json) => StepRunner.Run(Encoding.UTF8.GetBytes(json), false, CancellationToken.None);

    [Fact]
    public void Pi3d_output_is_deterministic_and_independent_of_threads()
    {
        var one = Run(Document(1));
        Assert.Equal(one, Run(Document(1)));

        // The input hash differs (the document names the thread count) but the result must not.
        var resultOne = JsonDocument.Parse(one).RootElement.GetProperty("result").GetRawText();
        var resultThree = JsonDocument.Parse(Run(Document(3))).RootElement.GetProperty("result").GetRawText();
        Assert.Equal(resultOne, resultThree);
    }

    [Fact]
    public void Pi3d_reports_volumes_that_grow_then_respond_to_therapy()
    {
        var result = JsonDocument.Parse(Run(Document(2))).RootElement.GetProperty("result");
        Assert.Equal([0.0, 10, 30, 60], result.GetProperty("days").EnumerateArray().Select(e => e.GetDouble()));
        var burden = result.GetProperty("burdenMm3").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        // Day 0: the sphere of 400 mm^3 minus the part that falls on D = 0 voxels (left empty).
        Assert.InRange(burden[0], 300, 404);

        // Growth before therapy; 10 fractions of 1.8 Gy (S^10 = 0.43) outweigh 2 weeks of growth.
        Assert.True(burden[1] > burden[0]);
        Assert.True(burden[2] < burden[1]);
        var visible = result.GetProperty("visibleVolumes");
        Assert.Equal(0.8, visible[0].GetProperty("threshold").GetDouble());
        Assert.Equal(0.16, visible[1].GetProperty("threshold").GetDouble());
        var t1 = visible[0].GetProperty("volumesMm3").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var t2 = visible[1].GetProperty("volumesMm3").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.All(t1.Zip(t2), pair => Assert.True(pair.First <= pair.Second));
        Assert.True(result.GetProperty("steps").GetInt64() > 60);
        Assert.True(result.GetProperty("maxDtDays").GetDouble() <= 0.9 / (6 * 0.2) * 1.0000001);
    }

    [Fact]
    public void Pi3d_starts_from_a_given_field_and_logistic_growth_is_exact()
    {
        // D = 0: each voxel grows logistically, u = u0 / (u0 + (1 - u0) e^{-rho t}), integrated exactly.
        const string json = """
            {"schema":"primage.step/1","stepId":"f","task":"pi3d","seed":0,"parameters":{
              "grid":[4,1,1],"voxelMm":2,"d":0,"rho":0.1,"field":[0.5,0.1,0,1],
              "horizonDays":20,"outputDays":[20],"thresholds":[0.5,0.9]}}
            """;
        var result = JsonDocument.Parse(Run(json)).RootElement.GetProperty("result");
        double Logistic(double u0) => u0 / (u0 + ((1 - u0) * Math.Exp(-2)));
        var expected = 8 * (Logistic(0.5) + Logistic(0.1) + 1);
        Assert.Equal(expected, result.GetProperty("burdenMm3")[0].GetDouble(), 10);
        // u = 0.881, 0.451, 0, 1: two 8-mm^3 voxels at or above 0.5, one at or above 0.9.
        Assert.Equal(16.0, result.GetProperty("visibleVolumes")[0].GetProperty("volumesMm3")[0].GetDouble());
        Assert.Equal(8.0, result.GetProperty("visibleVolumes")[1].GetProperty("volumesMm3")[0].GetDouble());
        Assert.Equal(1.0, result.GetProperty("maxDensity")[0].GetDouble(), 12);
    }

    [Fact]
    public void Pi3d_stops_when_cancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => StepRunner.Run(Encoding.UTF8.GetBytes(Document(2)), false, cts.Token));
    }
}
