using Primage.Grains.Predictions;

namespace Primage.Grains.Twins;

/// <summary>
/// The persisted state of a patient twin (storage "twins"). The alias and field ids are a
/// compatibility promise: stored twins must load after an upgrade, so fields are only added.
/// </summary>
[GenerateSerializer, Alias("primage.twin-state.v1")]
public sealed class TwinState
{
    [Id(0)]
    public TwinProfile? Profile { get; set; }

    [Id(1)]
    public List<Observation> Observations { get; set; } = [];

    [Id(2)]
    public List<TherapyRecord> Therapies { get; set; } = [];

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(4)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(5)]
    public CalibrationStatus Calibration { get; set; } = CalibrationStatus.Initial;
}
