using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// One window after the macro step and particularisation: the advanced macro fields, which region
/// each voxel belongs to (-1: not tumour, left as it is), and the K micro inputs with their seeds.
/// Serialisable, so an orchestrator can persist it while the micro steps run.
/// </summary>
public sealed record WindowPlan(
    int Window,
    double StartHour,
    double Hours,
    MacroFields Fields,
    int[] Assignment,
    IReadOnlyList<MicroRegionInput> Regions,
    IReadOnlyList<long> Seeds);
