using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// Runs a whole coupled flow in this process by calling the micro model directly (regions one after
/// another, each parallel inside). The reference that step-by-step dispatch must reproduce exactly.
/// </summary>
public static class InProcessMultiscaleRunner
{
    public static MultiscaleState Run(MultiscaleFlow flow, MultiscaleState state, CancellationToken cancellationToken = default)
    {
        while (!flow.IsFinished(state))
        {
            var plan = flow.BeginWindow(state);
            var outputs = new MicroRegionOutput[plan.Regions.Count];
            for (var k = 0; k < outputs.Length; k++)
            {
                outputs[k] = MicroModel.Run(plan.Regions[k], MicroParameters.Default, plan.Seeds[k], -1, cancellationToken);
            }

            state = flow.CompleteWindow(state, plan, outputs);
        }

        return state;
    }
}
