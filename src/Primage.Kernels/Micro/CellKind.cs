namespace Primage.Kernels.Micro;

/// <summary>The two cell populations of the neuroblastoma micro model (stored as one byte per agent).</summary>
public enum CellKind : byte
{
    Neuroblast = 0,
    Schwann = 1,
}
