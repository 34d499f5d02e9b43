namespace Primage.Kernels.Micro;

/// <summary>
/// The genetic inputs of a region: MYCN amplification, ALK status, TERT rearrangement and
/// ATRX alteration (which we take to mean alternative lengthening of telomeres, ALT).
/// </summary>
public sealed record NeuroblastomaGenetics(
    bool MycnAmplified = false,
    AlkStatus Alk = AlkStatus.WildType,
    bool TertRearranged = false,
    bool AtrxAltered = false);
