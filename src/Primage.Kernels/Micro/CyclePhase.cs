namespace Primage.Kernels.Micro;

/// <summary>
/// Cell-cycle position. G0 is the resting state from which a cell enters G1 with probability
/// P_cycle per hour; G1, S, G2 and M then last a fixed number of hours each (12/6/4/2 by default).
/// </summary>
public enum CyclePhase : byte
{
    G0 = 0,
    G1 = 1,
    S = 2,
    G2 = 3,
    M = 4,
}
