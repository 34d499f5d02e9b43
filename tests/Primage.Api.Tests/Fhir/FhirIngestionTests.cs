using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Primage.Api.Tests.Infrastructure;
using Primage.Api.Tests.Twins;
using Primage.Testing;
using static Primage.Api.Tests.Fhir.FhirSamples;

namespace Primage.Api.Tests.Fhir;

/// <summary>
/// Valid bundles of different shapes produce the expected timelines; invalid ones are refused
/// whole with an OperationOutcome naming the element, and the twin is unchanged.
/// </summary>
public sealed class FhirIngestionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Site = "lafe";

    /// <summary>pi/6 * 30 * 20 * 10 mm^3 = 1000 pi mm^3 = pi mL, as Timeline rounds it (6 decimals).</summary>
    private const string EllipsoidMl = "3.141593";

    public static TheoryData<string, Func<string, string>, string> ValidBundles() => new()
    {
        { "transaction: patient, condition, volume in mL", id => Bundle("transaction", Patient(id, Site), Condition(), Volume("v1", "2024-02-01")), "obs v1 2024-02-01 12.5" },
        { "collection: site as meta tag, SNOMED diagnosis, volume in cm3", id => Bundle("collection", Patient(id, Site, siteAsTag: true), Condition("http://snomed.info/sct", "432328008"), Volume("v1", "2024-02-01", "40", "cm3")), "obs v1 2024-02-01 40" },
        { "DIPG with three diameters in mm", id => Bundle("transaction", Patient(id, Site, gender: "male"), Condition(code: "dipg"), Size("s1", "2024-02-01", "mm", 30, 20, 10)), $"obs s1 2024-02-01 {EllipsoidMl}" },
        { "three diameters in cm", id => Bundle("transaction", Patient(id, Site), Condition(), Size("s1", "2024-03-01", "cm", 3, 2, 1)), $"obs s1 2024-03-01 {EllipsoidMl}" },
        { "ADC and cellularity (%) as separate observations on the volume's date", id => Bundle("transaction", Patient(id, Site), Condition(), Adc("a1", "2024-02-01"), Volume("v1", "2024-02-01"), Cellularity("c1", "2024-02-01", "45", "%")), "obs v1 2024-02-01 12.5 adc 850 cell 0.45" },
        { "ADC and cellularity as components", id => Bundle("transaction", Patient(id, Site), Condition(), Volume("v1", "2024-02-01", components: AdcAndCellularityComponents)), "obs v1 2024-02-01 12.5 adc 900 cell 0.7" },
        { "radiotherapy course", id => Bundle("transaction", Patient(id, Site), Condition(), Radiotherapy("rt1", "2024-03-01")), "rt rt1 2024-03-01 1.8x30 5/wk" },
        { "surgery with resected fraction", id => Bundle("transaction", Patient(id, Site), Condition(), Surgery("op1", "2024-04-01")), "surgery op1 2024-04-01 0.9" },
        { "chemotherapy administration", id => Bundle("collection", Patient(id, Site), Condition(), ChemoAdministration("ch1", "rapid-cojec", "2024-01-10", 8, 10)), "chemo ch1 rapid-cojec 2024-01-10 8x10" },
        { "chemotherapy request with weekly timing", id => Bundle("transaction", Patient(id, Site), Condition(), ChemoRequest("ch2", "temozolomide", "2024-05-01", 6, 4, "wk")), "chemo ch2 temozolomide 2024-05-01 6x28" },
        { "a whole course in one transaction", id => Bundle("transaction", Patient(id, Site), Condition(), Volume("v2", "2024-06-01", "8"), Surgery("op1", "2024-04-01"), Volume("v1", "2024-02-01"), ChemoAdministration("ch1", "rapid-cojec", "2024-01-10", 8, 10), Radiotherapy("rt1", "2024-03-01")),
            "obs v1 2024-02-01 12.5 | obs v2 2024-06-01 8 | chemo ch1 rapid-cojec 2024-01-10 8x10 | rt rt1 2024-03-01 1.8x30 5/wk | surgery op1 2024-04-01 0.9" },
    };

    [Theory]
    [MemberData(nameof(ValidBundles))]
    public async Task AValidBundleIsStoredOnTheTwinsTimeline(string shape, Func<string, string> bundle, string expected)
    {
        var id = TwinSamples.NewId();
        var response = await PostAsync(bundle(id));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{shape}: {(int)response.StatusCode} {body}");
        Assert.Equal("transaction-response", JsonNode.Parse(body)!["type"]?.GetValue<string>() is "batch-response" ? "transaction-response" : JsonNode.Parse(body)!["type"]!.GetValue<string>());
        var twin = await Json.ReadAsync(await fixture.Client.GetAsync($"/api/twins/{id}"));
        Assert.Equal(Site, twin["profile"]!["site"]!.GetValue<string>());
        Assert.Equal(expected, Timeline(twin));
    }

    [Fact]
    public async Task TheSameBundleTwiceIsIdempotentAndAnExistingTwinNeedsNoCondition()
    {
        var id = TwinSamples.NewId();
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(fixture.Client, $"/api/twins/{id}", TwinSamples.Profile)).StatusCode);
        var bundle = Bundle("transaction", Patient(id, Site), Volume("v1", "2024-02-01"), Radiotherapy("rt1", "2024-03-01"));
        var first = await PostAsync(bundle);
        var again = await PostAsync(bundle);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var statuses = (await Json.ReadAsync(again))["entry"]!.AsArray().Select(e => e!["response"]!["status"]!.GetValue<string>());
        Assert.All(statuses, s => Assert.Equal("200 OK", s));
        var twin = await Json.ReadAsync(await fixture.Client.GetAsync($"/api/twins/{id}"));
        Assert.Equal("obs v1 2024-02-01 12.5 | rt rt1 2024-03-01 1.8x30 5/wk", Timeline(twin));
    }

    public static TheoryData<string, Func<string, string>, string> InvalidBundles() => new()
    {
        { "volume without a value", id => Bundle("transaction", Patient(id, Site), Volume("v2", "2024-02-02").Replace("\"value\": 12.5, ", "", StringComparison.Ordinal)), "Bundle.entry[1].resource.valueQuantity.value" },
        { "volume in litres", id => Bundle("transaction", Patient(id, Site), Volume("v2", "2024-02-02", "0.1", "L")), "Bundle.entry[1].resource.valueQuantity.code" },
        { "unknown observation code", id => Bundle("transaction", Patient(id, Site), Volume("v2", "2024-02-02").Replace("tumour-volume", "weight", StringComparison.Ordinal)), "Bundle.entry[1].resource.code" },
        { "no effective date", id => Bundle("transaction", Patient(id, Site), Volume("v2", "2024-02-02").Replace("\"effectiveDateTime\": \"2024-02-02\", ", "", StringComparison.Ordinal)), "Bundle.entry[1].resource.effectiveDateTime" },
        { "partial date", id => Bundle("transaction", Patient(id, Site), Volume("v2", "2024-02")), "Bundle.entry[1].resource.effectiveDateTime" },
        { "no Patient", _ => Bundle("transaction", Volume("v2", "2024-02-02")), "Bundle.entry" },
        { "two diameters only", id => Bundle("transaction", Patient(id, Site), Size("s1", "2024-02-02", "mm", 30, 20)), "Bundle.entry[1].resource.component" },
        { "radiotherapy without fractions", id => Bundle("transaction", Patient(id, Site), Radiotherapy("rt9", "2024-03-01", """[{"url": "urn:primage:fhir:dose-per-fraction", "valueDecimal": 1.8}]""")), "Bundle.entry[1].resource.extension('urn:primage:fhir:fractions')" },
        { "unknown regimen", id => Bundle("transaction", Patient(id, Site), ChemoAdministration("ch9", "aspirin", "2024-01-10", 8, 10)), "Bundle.entry[1].resource.medicationCodeableConcept" },
        { "resource id that is not a twin id", id => Bundle("transaction", Patient(id, Site), Volume("v.2", "2024-02-02")), "Bundle.entry[1].resource.id" },
        { "a zero volume after a valid one (twin rules, all or nothing)", id => Bundle("transaction", Patient(id, Site), Volume("v2", "2024-02-02"), Volume("v3", "2024-02-03", "0")), "Bundle.entry[2].resource (tumourVolumeMl)" },
        { "an observation before the diagnosis", id => Bundle("transaction", Patient(id, Site), Volume("v2", "2023-12-01")), "Bundle.entry[1].resource (takenOn)" },
        { "a batch bundle", id => Bundle("batch", Patient(id, Site), Volume("v2", "2024-02-02")), "Bundle.type" },
        { "ADC with no volume on its date", id => Bundle("transaction", Patient(id, Site), Volume("v2", "2024-02-02"), Adc("a2", "2024-02-05")), "Bundle.entry[2].resource.effectiveDateTime" },
        { "a text where a number belongs", id => Bundle("transaction", Patient(id, Site), Volume("v2", "2024-02-02", "\"twelve\"")), "Bundle.entry[1].resource" },
        { "an unsupported resource", id => Bundle("transaction", Patient(id, Site), """{"resourceType": "Encounter", "status": "finished", "class": {"code": "AMB"}}"""), "Bundle.entry[1].resource" },
    };

    [Theory]
    [MemberData(nameof(InvalidBundles))]
    public async Task AnInvalidBundleIsRefusedWholeWithAnOperationOutcomeNamingTheElement(string shape, Func<string, string> bundle, string location)
    {
        var id = await ExistingTwinAsync();
        var before = await fixture.Client.GetStringAsync($"/api/twins/{id}");
        var response = await PostAsync(bundle(id));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{shape}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = JsonNode.Parse(body)!;
        Assert.Equal("OperationOutcome", outcome["resourceType"]!.GetValue<string>());
        var expressions = outcome["issue"]!.AsArray().SelectMany(i => i!["expression"]!.AsArray().Select(e => e!.GetValue<string>())).ToList();
        Assert.True(expressions.Exists(e => e.StartsWith(location, StringComparison.Ordinal)), $"{shape}: expected {location} in [{string.Join(", ", expressions)}] {body}");
        Assert.Equal(before, await fixture.Client.GetStringAsync($"/api/twins/{id}"));
    }

    [Fact]
    public async Task AnIdHoldingOtherContentIs409AndNothingIsStored()
    {
        var id = await ExistingTwinAsync();
        var before = await fixture.Client.GetStringAsync($"/api/twins/{id}");
        var response = await PostAsync(Bundle("transaction", Patient(id, Site), Volume("v9", "2024-02-09"), Volume("scan-1", "2024-02-01", "99")));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Bundle.entry[2].resource.id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Client.GetStringAsync($"/api/twins/{id}"));
    }

    [Fact]
    public async Task SitesAndRolesApplyToIngestion()
    {
        var lafe = await ExistingTwinAsync();
        using var integration = fixture.App.CreateClient("integration", Site);
        using var clinician = fixture.App.CreateClient("clinician", Site);

        // Another site in the bundle: 403; a twin of another site: 404 like a missing twin; clinicians may not ingest.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Bundle("transaction", Patient(TwinSamples.NewId(), "erasmus"), Condition()), integration)).StatusCode);
        var other = TwinSamples.NewId();
        await Json.PutAsync(fixture.Client, $"/api/twins/{other}", TwinSamples.Profile.Replace("\"lafe\"", "\"erasmus\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(Bundle("transaction", Patient(other, Site), Volume("v1", "2024-02-01")), integration)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(Bundle("transaction", Patient(TwinSamples.NewId(), Site), Volume("v1", "2024-02-01")), integration)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Bundle("transaction", Patient(lafe, Site), Volume("v1", "2024-02-01")), clinician)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Bundle("transaction", Patient(lafe, Site), Volume("v1", "2024-02-01")), integration)).StatusCode);
    }

    [Fact]
    public async Task ABundleOverOneMebibyteIs413()
    {
        var id = await ExistingTwinAsync();
        var padding = new string(' ', 1024 * 1024);
        var response = await PostAsync(Bundle("transaction", Patient(id, Site), Volume("v2", "2024-02-02")) + padding);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private async Task<string> ExistingTwinAsync()
    {
        var id = TwinSamples.NewId();
        Assert.Equal(HttpStatusCode.Created, (await Json.PutAsync(fixture.Client, $"/api/twins/{id}", TwinSamples.Profile)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Json.PostAsync(fixture.Client, $"/api/twins/{id}/observations", TwinSamples.Observation)).StatusCode);
        return id;
    }

    private Task<HttpResponseMessage> PostAsync(string bundle, HttpClient? client = null)
    {
        var content = new StringContent(bundle, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        return (client ?? fixture.Client).PostAsync("/api/fhir", content);
    }

    /// <summary>The twin's timeline in a compact text form: observations, then therapies, each in timeline order.</summary>
    private static string Timeline(JsonNode twin)
    {
        var parts = new List<string>();
        foreach (var o in twin["observations"]!.AsArray())
        {
            var text = $"obs {o!["observationId"]} {o["takenOn"]} {Math.Round(o["tumourVolumeMl"]!.GetValue<double>(), 6)}";
            if (o["adcMean"] is { } adc)
            {
                text += $" adc {adc}";
            }

            if (o["cellularity"] is { } cell)
            {
                text += $" cell {Math.Round(cell.GetValue<double>(), 6)}";
            }

            parts.Add(text);
        }

        foreach (var t in twin["therapies"]!.AsArray())
        {
            parts.Add(t!["kind"]!.GetValue<string>() switch
            {
                "radiotherapy" => $"rt {t["therapyId"]} {t["start"]} {t["dosePerFractionGy"]}x{t["fractions"]} {t["fractionsPerWeek"]}/wk",
                "surgery" => $"surgery {t["therapyId"]} {t["date"]} {t["resectedFraction"]}",
                _ => $"chemo {t["therapyId"]} {t["regimen"]} {t["start"]} {t["cycles"]}x{t["cycleIntervalDays"]}",
            });
        }

        return string.Join(" | ", parts);
    }
}
