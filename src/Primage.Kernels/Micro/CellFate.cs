namespace Primage.Kernels.Micro;

/// <summary>Life state of an agent. Lysed agents are removed at the end of the step.</summary>
public enum CellFate : byte
{
    Alive = 0,
    Apoptotic = 1,
    Necrotic = 2,
    Lysed = 3,
}
