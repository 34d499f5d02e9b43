using Primage.Kernels.Calibration;

namespace Primage.Kernels.Tests.Calibration;

/// <summary>Closed-form growth laws (DOMAIN.md) as trajectory models, independent of the growth catalogue.</summary>
internal sealed class ClosedFormModel(string name, ParameterSpec[] parameters, Func<double[], double, double> evaluate) : ITrajectoryModel
{
    public string Name { get; } = name;

    public IReadOnlyList<ParameterSpec> Parameters { get; } = parameters;

    public void Predict(ReadOnlySpan<double> theta, ReadOnlySpan<double> days, Span<double> volumes)
    {
        var p = theta.ToArray();
        for (var j = 0; j < days.Length; j++)
        {
            volumes[j] = evaluate(p, days[j]);
        }
    }

    public double Evaluate(double[] theta, double day) => evaluate(theta, day);

    private static readonly ParameterSpec V0 = new("v0", "mL", 1e-3, 1e4);

    // V = V0 e^(a t).
    public static ClosedFormModel Exponential { get; } = new(
        "exponential",
        [V0, new("a", "1/day", 1e-4, 2)],
        (p, t) => p[0] * Math.Exp(p[1] * t));

    // V = V0 exp((alpha/beta)(1 - e^(-beta t))).
    public static ClosedFormModel Gompertz { get; } = new(
        "gompertz",
        [V0, new("alpha", "1/day", 1e-4, 5), new("beta", "1/day", 1e-4, 2)],
        (p, t) => p[0] * Math.Exp(p[1] / p[2] * (1 - Math.Exp(-p[2] * t))));

    // V = K V0 / (V0 + (K - V0) e^(-r t)).
    public static ClosedFormModel Logistic { get; } = new(
        "logistic",
        [V0, new("r", "1/day", 1e-4, 5), new("k", "mL", 1e-2, 1e5)],
        (p, t) => p[2] * p[0] / (p[0] + (p[2] - p[0]) * Math.Exp(-p[1] * t)));

    public static LogNormalPrior ExponentialPrior { get; } = LogNormalPrior.Independent(Exponential.Parameters, [10, 0.05], [1.0, 0.7]);

    public static LogNormalPrior GompertzPrior { get; } = LogNormalPrior.Independent(Gompertz.Parameters, [10, 0.2, 0.05], [1.0, 0.6, 0.6]);

    public static LogNormalPrior LogisticPrior { get; } = LogNormalPrior.Independent(Logistic.Parameters, [10, 0.1, 200], [1.0, 0.7, 1.0]);
}
