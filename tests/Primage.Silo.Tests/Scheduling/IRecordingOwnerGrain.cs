using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>A run owner for tests that records every callback it receives.</summary>
public interface IRecordingOwnerGrain : IRunOwnerGrain;
