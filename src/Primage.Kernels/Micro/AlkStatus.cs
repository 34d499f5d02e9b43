namespace Primage.Kernels.Micro;

/// <summary>ALK status of the tumour.</summary>
public enum AlkStatus
{
    WildType = 0,
    Mutated = 1,
    Amplified = 2,
}
