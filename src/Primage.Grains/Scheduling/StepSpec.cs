namespace Primage.Grains.Scheduling;

/// <summary>
/// One simulation step to run somewhere: the kernel runner's input document (UTF-8 JSON, see
/// Primage.Kernels.Runner) plus the resources it asks for. <see cref="StepId"/> is the idempotency
/// key everywhere: a backend asked twice for the same step runs it once.
/// </summary>
[GenerateSerializer, Immutable, Alias("primage.step-spec.v1")]
public sealed record StepSpec(
    [property: Id(0)] string StepId,
    [property: Id(1)] string Task,
    [property: Id(2)] byte[] InputDocument,
    [property: Id(3)] StepResources Resources,
    [property: Id(4)] string? OwnerKey = null);

/// <summary>What a step asks of a cluster. Null fields fall back to the backend's defaults.</summary>
[GenerateSerializer, Immutable, Alias("primage.step-resources.v1")]
public sealed record StepResources(
    [property: Id(0)] TimeSpan? Walltime = null,
    [property: Id(1)] int Cpus = 1,
    [property: Id(2)] int? MemoryMb = null,
    [property: Id(3)] string? Partition = null,
    [property: Id(4)] string? Account = null)
{
    public static StepResources Default { get; } = new();
}
