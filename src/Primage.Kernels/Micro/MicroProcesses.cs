namespace Primage.Kernels.Micro;

/// <summary>
/// Switches for the model's processes, so that tests can isolate one mechanism (for example
/// cycling alone, whose expected growth has a closed form).
/// </summary>
[Flags]
public enum MicroProcesses
{
    None = 0,
    Cycling = 1 << 0,
    Pathways = 1 << 1,
    Hypoxia = 1 << 2,
    DnaDamage = 1 << 3,
    Apoptosis = 1 << 4,
    Necrosis = 1 << 5,
    Lysis = 1 << 6,
    Telomeres = 1 << 7,
    Differentiation = 1 << 8,
    Oxygen = 1 << 9,
    Matrix = 1 << 10,
    Chemotherapy = 1 << 11,
    All = Cycling | Pathways | Hypoxia | DnaDamage | Apoptosis | Necrosis | Lysis | Telomeres
        | Differentiation | Oxygen | Matrix | Chemotherapy,
}
