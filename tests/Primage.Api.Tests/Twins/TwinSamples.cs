namespace Primage.Api.Tests.Twins;

/// <summary>The wire examples from the foundation issue.</summary>
public static class TwinSamples
{
    public const string Profile = """
        {"site": "lafe", "diagnosis": "neuroblastoma", "diagnosisDate": "2024-01-05", "ageAtDiagnosisMonths": 30, "sex": "female",
         "markers": {"mycnAmplified": true, "alk": "mutated", "histology": "neuroblastoma", "grade": "poorly-differentiated", "h3k27m": null}}
        """;

    public const string Observation = """
        {"observationId": "scan-1", "takenOn": "2024-02-01", "tumourVolumeMl": 123.4, "adcMean": 850, "cellularity": 0.6, "vascularFraction": 0.1, "source": "MRI T2"}
        """;

    public const string Radiotherapy = """
        {"therapyId": "rt-1", "kind": "radiotherapy", "start": "2024-03-01", "dosePerFractionGy": 1.8, "fractions": 30, "fractionsPerWeek": 5}
        """;

    public const string Chemotherapy = """
        {"therapyId": "ind-1", "kind": "chemotherapy", "regimen": "rapid-cojec", "start": "2024-01-10", "cycles": 8, "cycleIntervalDays": 10}
        """;

    public const string Surgery = """
        {"therapyId": "op-1", "kind": "surgery", "date": "2024-04-01", "resectedFraction": 0.9}
        """;

    public static string NewId() => "twin-" + Guid.NewGuid().ToString("N")[..10];
}
