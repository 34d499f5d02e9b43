using Primage.Grains.Twins;
using Primage.Kernels.Micro;

namespace Primage.Grains.Multiscale;

/// <summary>What a multiscale run was asked for (seed resolved); the run's idempotency compares these.</summary>
[GenerateSerializer, Immutable, Alias("primage.multiscale-request.v1")]
public sealed record MultiscaleRequest(
    [property: Id(0)] int Windows,
    [property: Id(1)] int Regions,
    [property: Id(2)] int AgentCapPerRegion,
    [property: Id(3)] long Seed)
{
    /// <summary>Default number of 336-h coupling windows: 8 (about 16 weeks).</summary>
    public const int DefaultWindows = 8;

    /// <summary>At most 26 windows (a year).</summary>
    public const int MaxWindows = 26;

    /// <summary>Default number of representative regions per window.</summary>
    public const int DefaultRegions = 4;

    public const int MaxRegions = 16;

    /// <summary>Default agents per region: small enough that a window takes seconds on one core.</summary>
    public const int DefaultAgentCapPerRegion = 2000;

    /// <summary>The micro model's own bound.</summary>
    public const int MaxAgentCapPerRegion = MicroModel.MaxAgentCap;

    /// <summary>The fields outside their limits, named as on the wire.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (Windows is < 1 or > MaxWindows)
        {
            errors.Add(new("windows", $"must be a whole number from 1 to {MaxWindows}"));
        }

        if (Regions is < 1 or > MaxRegions)
        {
            errors.Add(new("regions", $"must be a whole number from 1 to {MaxRegions}"));
        }

        if (AgentCapPerRegion is < 1 or > MaxAgentCapPerRegion)
        {
            errors.Add(new("agentCapPerRegion", $"must be a whole number from 1 to {MaxAgentCapPerRegion}"));
        }

        return errors;
    }
}
