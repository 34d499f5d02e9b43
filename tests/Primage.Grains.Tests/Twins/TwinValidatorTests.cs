using Primage.Grains.Twins;

namespace Primage.Grains.Tests.Twins;

public sealed class TwinValidatorTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static readonly TwinProfile Nb = new("lafe", Diagnosis.Neuroblastoma, new DateOnly(2024, 1, 5), 30, "female", DiseaseMarkers.None);

    private static readonly TwinProfile Dipg = new("lafe", Diagnosis.Dipg, new DateOnly(2024, 1, 5), 84, null, new DiseaseMarkers(H3K27M: "mutant"));

    public static TheoryData<string, Observation> BadObservations => new()
    {
        { "tumourVolumeMl", new Observation("o", new DateOnly(2024, 2, 1), -1) },
        { "tumourVolumeMl", new Observation("o", new DateOnly(2024, 2, 1), 0) },
        { "tumourVolumeMl", new Observation("o", new DateOnly(2024, 2, 1), double.NaN) },
        { "tumourVolumeMl", new Observation("o", new DateOnly(2024, 2, 1), double.PositiveInfinity) },
        { "tumourVolumeMl", new Observation("o", new DateOnly(2024, 2, 1), 20_000) },
        { "takenOn", new Observation("o", new DateOnly(2025, 6, 2), 1) },
        { "takenOn", new Observation("o", new DateOnly(2024, 1, 4), 1) },
        { "cellularity", new Observation("o", new DateOnly(2024, 2, 1), 1, Cellularity: 1.01) },
        { "vascularFraction", new Observation("o", new DateOnly(2024, 2, 1), 1, VascularFraction: -0.1) },
        { "adcMean", new Observation("o", new DateOnly(2024, 2, 1), 1, AdcMean: 10) },
        { "observationId", new Observation("bad id!", new DateOnly(2024, 2, 1), 1) },
        { "source", new Observation("o", new DateOnly(2024, 2, 1), 1, Source: new string('x', 201)) },
    };

    [Theory]
    [MemberData(nameof(BadObservations))]
    public void RejectsBadObservationNamingTheField(string field, Observation observation)
    {
        var errors = TwinValidator.ValidateObservation(observation, Nb, Today);
        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void AcceptsAValidObservationOnTheDiagnosisDayAndToday()
    {
        Assert.Empty(TwinValidator.ValidateObservation(new Observation("a", new DateOnly(2024, 1, 5), 0.001, 850, 0, 1, "CT"), Nb, Today));
        Assert.Empty(TwinValidator.ValidateObservation(new Observation("b", Today, 10_000), Nb, Today));
    }

    [Fact]
    public void RadiotherapyNeedsItsFieldsAndRejectsOthers()
    {
        var rt = new TherapyRecord("rt", TherapyKind.Radiotherapy, new DateOnly(2024, 3, 1), 1.8, 30, 5);
        Assert.Empty(TwinValidator.ValidateTherapy(rt, Dipg, Today, _ => true));
        var missing = TwinValidator.ValidateTherapy(rt with { Fractions = null }, Dipg, Today, _ => true);
        Assert.Equal("fractions", missing.Single().Field);
        var extra = TwinValidator.ValidateTherapy(rt with { Regimen = "rapid-cojec" }, Dipg, Today, _ => true);
        Assert.Equal("regimen", extra.Single().Field);
        var dose = TwinValidator.ValidateTherapy(rt with { DosePerFractionGy = 0 }, Dipg, Today, _ => true);
        Assert.Equal("dosePerFractionGy", dose.Single().Field);
    }

    [Fact]
    public void ChemotherapyRegimenMustBeInTheCatalogue()
    {
        var chemo = new TherapyRecord("c", TherapyKind.Chemotherapy, new DateOnly(2024, 1, 10), Regimen: "unknown-regimen", Cycles: 8, CycleIntervalDays: 10);
        var errors = TwinValidator.ValidateTherapy(chemo, Nb, Today, KnownRegimens.Contains);
        Assert.Equal("regimen", errors.Single().Field);
        Assert.Empty(TwinValidator.ValidateTherapy(chemo with { Regimen = "rapid-cojec" }, Nb, Today, KnownRegimens.Contains));
    }

    [Fact]
    public void PlannedTherapyMayBeInTheFutureButNotBeforeDiagnosis()
    {
        var op = new TherapyRecord("op", TherapyKind.Surgery, new DateOnly(2025, 9, 1), ResectedFraction: 0.9);
        Assert.Empty(TwinValidator.ValidateTherapy(op, Nb, Today, _ => true));
        var early = TwinValidator.ValidateTherapy(op with { Start = new DateOnly(2023, 1, 1) }, Nb, Today, _ => true);
        Assert.Equal("date", early.Single().Field);
        var fraction = TwinValidator.ValidateTherapy(op with { ResectedFraction = 1.5 }, Nb, Today, _ => true);
        Assert.Equal("resectedFraction", fraction.Single().Field);
    }

    [Fact]
    public void MarkersMustFitTheDiagnosis()
    {
        var errors = TwinValidator.ValidateProfile(Nb with { Markers = new DiseaseMarkers(H3K27M: "mutant") }, Today);
        Assert.Equal("markers.h3k27m", errors.Single().Field);
        errors = TwinValidator.ValidateProfile(Dipg with { Markers = new DiseaseMarkers(MycnAmplified: true) }, Today);
        Assert.Equal("markers.mycnAmplified", errors.Single().Field);
        errors = TwinValidator.ValidateProfile(Nb with { Markers = new DiseaseMarkers(Alk: "weird") }, Today);
        Assert.Equal("markers.alk", errors.Single().Field);
    }
}
