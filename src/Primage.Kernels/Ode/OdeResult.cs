namespace Primage.Kernels.Ode;

/// <summary>
/// The outcome of an integration call. <see cref="Time"/> is where the state now is (the target
/// time when <see cref="Exit"/> is <see cref="OdeExitCondition.Completed"/>).
/// </summary>
public readonly record struct OdeResult(
    OdeExitCondition Exit,
    double Time,
    int AcceptedSteps,
    int RejectedSteps,
    int Evaluations)
{
    public bool Succeeded => Exit == OdeExitCondition.Completed;
}
