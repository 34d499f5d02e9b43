using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// Settings of a coupled run. Chemotherapy windows are on the run's absolute clock (hours from the
/// start of the first window); each micro region receives the part inside its window, shifted to the
/// window's clock, with inhibition probabilities scaled by its mean drug exposure.
/// </summary>
public sealed record MultiscaleConfig(
    int Windows,
    NeuroblastomaGenetics Genetics,
    HistologyGrade Histology,
    IReadOnlyList<ChemoWindow> ChemoWindows,
    long Seed,
    int Regions = 4,
    int WindowHours = 336,
    int AgentCapPerRegion = 5000,
    double DensityThreshold = 0.01,
    int KMeansIterations = 50);
