using Primage.Kernels.Macro;

namespace Primage.Kernels.Tests.Macro;

public class Pi3dTherapyAndInitialTests
{
    [Fact]
    public void Sphere_reproduces_the_requested_volume()
    {
        // A ball of 4 cm^3 on 1-mm voxels (R = 9.85 voxels). The linear edge is symmetric about R, so
        // sum(u) h^3 is V up to O(h^2 / R^2); the u >= 1/2 voxel count has a surface error of order
        // (surface area x h) times a small lattice factor: 2% covers both for R ~ 10 h.
        const int n = 32;
        const double volume = 4000;
        var field = new double[n * n * n];
        SphereInitialCondition.Fill(field, n, n, n, 1.0, volume, (16.0, 16.0, 16.0));
        using var model = new ProliferationInvasionModel(n, n, n, 1.0, 0, new double[field.Length]);
        model.SetDensity(field);
        Assert.InRange(model.BurdenMm3(), volume * 0.99, volume * 1.01);
        Assert.InRange(model.VisibleVolumeMm3(0.5), volume * 0.98, volume * 1.02);
        Assert.Equal(1.0, model.MaxDensity());
    }

    [Fact]
    public void Visible_volume_is_monotone_in_threshold_over_time()
    {
        using var model = new ProliferationInvasionModel(24, 24, 24, 1.0, 0.05, Enumerable.Repeat(0.2, 24 * 24 * 24).ToArray());
        var field = new double[24 * 24 * 24];
        SphereInitialCondition.Fill(field, 24, 24, 24, 1.0, 500, (12.0, 12.0, 12.0));
        model.SetDensity(field);
        double[] thresholds = [0.05, 0.16, 0.3, 0.5, 0.8, 0.95];
        var result = Pi3dSimulation.Run(model, Pi3dTherapy.None, 60, [0, 20, 40, 60], thresholds);
        foreach (var snapshot in result.Snapshots)
        {
            for (var i = 1; i < thresholds.Length; i++)
            {
                Assert.True(snapshot.VisibleVolumesMm3[i] <= snapshot.VisibleVolumesMm3[i - 1]);
            }
        }

        // The untreated tumour grows: the T2 (16%) volume increases at every output.
        var t2 = result.Snapshots.Select(s => s.VisibleVolumesMm3[1]).ToArray();
        Assert.True(t2.Zip(t2.Skip(1), (a, b) => b > a).All(x => x), string.Join(", ", t2));
    }

    [Fact]
    public void Fractions_fall_on_weekdays()
    {
        // 30 fractions at 5 a week from a Monday: six weeks, the last on day 7 * 5 + 4 = 39.
        var days = FractionSchedule.Days(0, 0, 30, 5);
        Assert.Equal(30, days.Length);
        Assert.Equal([0, 1, 2, 3, 4, 7, 8], days.Take(7));
        Assert.Equal(39, days[^1]);

        // From a Thursday: Thu, Fri, then Monday.
        Assert.Equal([10, 11, 14], FractionSchedule.Days(10, 3, 3, 5));

        // Three a week: Monday to Wednesday.
        Assert.Equal([0, 1, 2, 7, 8], FractionSchedule.Days(0, 0, 5, 3));
    }

    [Fact]
    public void Radiotherapy_54_Gy_in_30_fractions_leaves_the_LQ_surviving_fraction()
    {
        // D = 0, rho = 0: u only changes by fractions; S^30 = exp(-30 (0.04 * 1.8 + 0.004 * 1.8^2)) = 0.0782.
        using var model = new ProliferationInvasionModel(3, 3, 3, 1.0, 0, new double[27]);
        model.SetDensity(Enumerable.Repeat(0.5, 27).ToArray());
        var therapy = new Pi3dTherapy(0.04, 10, [new Pi3dRadiotherapyCourse(2, 0, 1.8, 30, 5)], []);
        var result = Pi3dSimulation.Run(model, therapy, 60, [1, 2, 41, 42], [0.5]);
        var burdens = result.Snapshots.Select(s => s.BurdenMm3 / (0.5 * 27)).ToArray();
        Assert.Equal(1.0, burdens[0], 12);
        Assert.Equal(therapy.SurvivingFraction(1.8), burdens[1], 12);
        Assert.Equal(0.0782, burdens[3], 4);
        Assert.Equal(Math.Exp(-30 * ((0.04 * 1.8) + (0.004 * 1.8 * 1.8))), burdens[3], 12);
        Assert.Equal(burdens[2], burdens[3]);
        Assert.Equal(0.0, result.Snapshots[3].VisibleVolumesMm3[0]);
    }

    [Fact]
    public void Chemotherapy_kill_matches_the_exposure_integral()
    {
        // rho = 0, D = 0: du/dt = -k E(t) u with E = e^{-lambda (t - t0)} after t0, so
        // u(t) = u0 exp(-k (1 - e^{-lambda (t - t0)}) / lambda). Each step applies the exact average kill
        // rate over the step exactly, so the product of the step factors is the closed form.
        const double k = 0.2;
        const double lambda = 0.1;
        using var model = new ProliferationInvasionModel(2, 1, 1, 1.0, 0, new double[2]);
        model.SetDensity([0.8, 0.4]);
        var therapy = new Pi3dTherapy(0.04, 10, [], [new Pi3dChemoCourse(5, 1, 21, 1, lambda, k)]);
        var result = Pi3dSimulation.Run(model, therapy, 40, [5, 40], [0.1]);
        Assert.Equal(1.2, result.Snapshots[0].BurdenMm3, 12);
        var expected = 1.2 * Math.Exp(-k * (1 - Math.Exp(-lambda * 35)) / lambda);
        Assert.Equal(1.0, result.Snapshots[1].BurdenMm3 / expected, 12);
    }
}
