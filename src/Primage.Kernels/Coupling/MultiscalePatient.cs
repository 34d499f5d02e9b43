using Primage.Kernels.Micro;

namespace Primage.Kernels.Coupling;

/// <summary>
/// What a coupled run needs to know about a patient: the tumour volume observed at the run's start (mL),
/// the imaging cellularity if measured (cell density as a fraction of carrying capacity, e.g. from ADC),
/// genetics, histology and grade, and the chemotherapy plans on the run's clock.
/// </summary>
public sealed record MultiscalePatient(
    double TumourVolumeMl,
    double? Cellularity,
    NeuroblastomaGenetics Genetics,
    HistologyGrade Histology,
    IReadOnlyList<ChemoCourse> Chemotherapy);
