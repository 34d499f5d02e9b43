using Primage.Grains.Tests.Infrastructure;
using Primage.Grains.Twins;

namespace Primage.Grains.Tests.Twins;

[Collection(ClusterCollection.Name)]
public sealed class PatientTwinGrainTests(ClusterFixture fixture)
{
    private static readonly TwinProfile Nb = new(
        "lafe", Diagnosis.Neuroblastoma, new DateOnly(2024, 1, 5), 30, "female",
        new DiseaseMarkers(true, "mutated", "neuroblastoma", "poorly-differentiated"));

    private IPatientTwinGrain NewTwin() => fixture.Grains.GetGrain<IPatientTwinGrain>("t-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task UnknownTwinReadsAsNull()
    {
        Assert.Null(await NewTwin().GetAsync());
    }

    [Fact]
    public async Task PutProfileCreatesThenUpdatesThenIsUnchanged()
    {
        var twin = NewTwin();
        Assert.Equal(WriteOutcome.Created, (await twin.PutProfileAsync(Nb)).Outcome);
        Assert.Equal(WriteOutcome.Unchanged, (await twin.PutProfileAsync(Nb)).Outcome);
        var older = Nb with { AgeAtDiagnosisMonths = 31 };
        Assert.Equal(WriteOutcome.Updated, (await twin.PutProfileAsync(older)).Outcome);
        Assert.Equal(31, (await twin.GetAsync())!.Profile.AgeAtDiagnosisMonths);
    }

    [Fact]
    public async Task SiteCannotChange()
    {
        var twin = NewTwin();
        await twin.PutProfileAsync(Nb);
        var result = await twin.PutProfileAsync(Nb with { Site = "other" });
        Assert.Equal(WriteOutcome.Conflict, result.Outcome);
        Assert.Equal("site", result.Errors.Single().Field);
        Assert.Equal("lafe", (await twin.GetAsync())!.Profile.Site);
    }

    [Fact]
    public async Task ObservationsAreIdempotentByIdAndConflictOnOtherContent()
    {
        var twin = NewTwin();
        await twin.PutProfileAsync(Nb);
        var scan = new Observation("scan-1", new DateOnly(2024, 2, 1), 123.4, 850, 0.6, 0.1, "MRI T2");
        Assert.Equal(WriteOutcome.Created, (await twin.AddObservationAsync(scan)).Outcome);
        Assert.Equal(WriteOutcome.Unchanged, (await twin.AddObservationAsync(scan)).Outcome);
        var other = await twin.AddObservationAsync(scan with { TumourVolumeMl = 99 });
        Assert.Equal(WriteOutcome.Conflict, other.Outcome);
        var stored = (await twin.GetAsync())!.Observations;
        Assert.Equal([scan], stored);
    }

    [Fact]
    public async Task TimelineIsKeptInDateOrder()
    {
        var twin = NewTwin();
        await twin.PutProfileAsync(Nb);
        await twin.AddObservationAsync(new Observation("c", new DateOnly(2024, 4, 1), 3));
        await twin.AddObservationAsync(new Observation("a", new DateOnly(2024, 2, 1), 1));
        await twin.AddObservationAsync(new Observation("b", new DateOnly(2024, 3, 1), 2));
        await twin.AddTherapyAsync(new TherapyRecord("op", TherapyKind.Surgery, new DateOnly(2024, 5, 1), ResectedFraction: 0.9));
        await twin.AddTherapyAsync(new TherapyRecord("ind", TherapyKind.Chemotherapy, new DateOnly(2024, 1, 10), Regimen: "rapid-cojec", Cycles: 8, CycleIntervalDays: 10));
        var snapshot = (await twin.GetAsync())!;
        Assert.Equal(["a", "b", "c"], snapshot.Observations.Select(o => o.ObservationId));
        Assert.Equal(["ind", "op"], snapshot.Therapies.Select(t => t.TherapyId));
    }

    [Fact]
    public async Task WritesToAnUnknownTwinAreNotFoundAndCreateNothing()
    {
        var twin = NewTwin();
        var result = await twin.AddObservationAsync(new Observation("a", new DateOnly(2024, 2, 1), 1));
        Assert.Equal(WriteOutcome.NotFound, result.Outcome);
        Assert.Null(await twin.GetAsync());
    }

    [Fact]
    public async Task InvalidObservationLeavesTheTwinExactlyAsItWas()
    {
        var twin = NewTwin();
        await twin.PutProfileAsync(Nb);
        await twin.AddObservationAsync(new Observation("a", new DateOnly(2024, 2, 1), 10));
        var before = (await twin.GetAsync())!;
        var result = await twin.AddObservationAsync(new Observation("b", new DateOnly(2023, 12, 1), 10));
        Assert.Equal(WriteOutcome.Invalid, result.Outcome);
        Assert.Equal("takenOn", result.Errors.Single().Field);
        var after = (await twin.GetAsync())!;
        Assert.Equal(before.Observations, after.Observations);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task DiagnosisDateCannotMoveAfterStoredObservations()
    {
        var twin = NewTwin();
        await twin.PutProfileAsync(Nb);
        await twin.AddObservationAsync(new Observation("a", new DateOnly(2024, 2, 1), 10));
        var result = await twin.PutProfileAsync(Nb with { DiagnosisDate = new DateOnly(2024, 3, 1) });
        Assert.Equal(WriteOutcome.Invalid, result.Outcome);
        Assert.Equal("diagnosisDate", result.Errors.Single().Field);
    }
}
