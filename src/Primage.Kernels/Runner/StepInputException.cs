namespace Primage.Kernels.Runner;

/// <summary>The step input is invalid; <see cref="Field"/> is a JSON path such as "parameters.horizonDays".</summary>
public sealed class StepInputException(string field, string reason)
    : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
