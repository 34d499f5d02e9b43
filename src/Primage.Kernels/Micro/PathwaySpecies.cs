namespace Primage.Kernels.Micro;

/// <summary>
/// The pathway species of the model as probabilistic Boolean switches, stored as bit flags
/// (two bytes per agent). Each hour every switch of a living cell is redrawn from its activation
/// probability (modulated by genetics and the cell's state) and then possibly switched off by an
/// active chemotherapy window's inhibition probability.
/// </summary>
[Flags]
public enum PathwaySpecies : ushort
{
    None = 0,
    Mycn = 1 << 0,
    MapkRas = 1 << 1,
    P53 = 1 << 2,
    P73 = 1 << 3,
    Hif = 1 << 4,
    Chk1 = 1 << 5,
    Jab1 = 1 << 6,
    Vegf = 1 << 7,
    Tep1 = 1 << 8,
    Alt = 1 << 9,
    P21 = 1 << 10,
}
