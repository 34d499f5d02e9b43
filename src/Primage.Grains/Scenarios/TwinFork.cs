using Primage.Grains.Predictions;
using Primage.Grains.Twins;

namespace Primage.Grains.Scenarios;

/// <summary>A read-only copy of a twin and its calibration (with the posterior) taken in one turn, for a scenario to start from.</summary>
[GenerateSerializer, Immutable, Alias("primage.twin-fork.v1")]
public sealed record TwinFork(
    [property: Id(0)] TwinSnapshot Twin,
    [property: Id(1)] CalibrationStatus Calibration);
