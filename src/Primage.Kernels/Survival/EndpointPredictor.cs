using Primage.Kernels.Survival.Dipg;
using Primage.Kernels.Survival.Neuroblastoma;

namespace Primage.Kernels.Survival;

/// <summary>
/// Entry point for the grain layer: survival predictions from the stored models, no training at run time.
/// </summary>
/// <remarks>
/// Twin profile to features (wire values parsed by <see cref="ProfileWire"/>): ageAtDiagnosisMonths -> age (both models);
/// markers.mycnAmplified -> MYCN; inssStage -> INSS stage; sex -> male; the clinical high-risk flag has no field yet; symptomDurationMonths, ringEnhancement, receivesChemotherapy -> DIPG inputs.
/// The INRG classification (<see cref="Inrg.InrgClassifier"/>) takes inrgssStage, ageAtDiagnosisMonths,
/// histologicCategory (or markers.histology), markers.grade, markers.mycnAmplified, elevenQAberration, ploidy.
/// </remarks>
public static class EndpointPredictor
{
    private static readonly Lazy<NeuroblastomaCoxModel> _neuroblastoma =
        new(() => SurvivalModelStore.LoadEmbedded<NeuroblastomaCoxModel>(SurvivalModelStore.NeuroblastomaResource));

    private static readonly Lazy<DipgCohortReference> _dipgReference =
        new(() => SurvivalModelStore.LoadEmbedded<DipgCohortReference>(SurvivalModelStore.DipgReferenceResource));

    /// <summary>The stored neuroblastoma model.</summary>
    public static NeuroblastomaCoxModel NeuroblastomaModel => _neuroblastoma.Value;

    /// <summary>The stored DIPG cohort reference.</summary>
    public static DipgCohortReference DipgReference => _dipgReference.Value;

    /// <summary>EFS and OS at 1, 3 and 5 years with bootstrap intervals.</summary>
    public static SurvivalPrediction ForNeuroblastoma(NeuroblastomaFeatures features) =>
        NeuroblastomaPredictor.Predict(_neuroblastoma.Value, features);

    /// <summary>12-month OS for DIPG (see <see cref="DipgPredictor"/> for what is returned while the Jansen coefficients are blocked).</summary>
    public static SurvivalPrediction ForDipg(DipgFeatures features) =>
        DipgPredictor.Predict(features, _dipgReference.Value);
}
