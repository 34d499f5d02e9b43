namespace Primage.Api.Multiscale;

/// <summary>
/// A multiscale run request; every field is optional (send {} for the defaults). runId is the idempotency key
/// (generated when absent); windows 1-26 (default 8, 336 h each), regions 1-16 (default 4), agentCapPerRegion
/// 1-1,000,000 (default 2,000), seed any integer (default derived from the twin and run ids).
/// </summary>
public sealed record MultiscaleRequestDto(string? RunId = null, int? Windows = null, int? Regions = null, int? AgentCapPerRegion = null, long? Seed = null);
