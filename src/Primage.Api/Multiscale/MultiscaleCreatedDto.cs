namespace Primage.Api.Multiscale;

/// <summary>The answer to a multiscale run request (202 when started, 200 when the same request was already recorded).</summary>
public sealed record MultiscaleCreatedDto(string RunId);
