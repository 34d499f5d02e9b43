using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>A run owner whose first callback per run fails, to test callback retries.</summary>
public interface IFlakyOwnerGrain : IRunOwnerGrain;
