namespace Primage.Kernels.Ode;

/// <summary>Why an integration stopped. Only <see cref="Completed"/> means the target time was reached.</summary>
public enum OdeExitCondition
{
    /// <summary>The target time was reached within tolerance.</summary>
    Completed = 0,

    /// <summary>The step budget (<see cref="OdeOptions.MaxSteps"/>) ran out before the target time.</summary>
    MaxStepsReached = 1,

    /// <summary>The controller asked for a step too small to change t (stiffness or a singularity).</summary>
    StepSizeTooSmall = 2,

    /// <summary>The right-hand side returned NaN or infinity and shrinking the step did not help.</summary>
    NonFiniteState = 3,
}
