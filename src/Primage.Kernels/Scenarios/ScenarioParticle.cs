using Primage.Kernels.Growth;
using Primage.Kernels.Therapy;

namespace Primage.Kernels.Scenarios;

/// <summary>One posterior particle: a growth law with its parameters, the volume at day 0, the therapy response and its weight.</summary>
public sealed record ScenarioParticle(IGrowthModel Model, double[] Parameters, double V0Ml, TherapyResponse Response, double Weight);
