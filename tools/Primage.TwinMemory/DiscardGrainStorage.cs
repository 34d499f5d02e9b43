using Orleans.Storage;

namespace Primage.TwinMemory;

/// <summary>
/// Grain storage that acknowledges writes and keeps nothing, so the measured memory is the
/// activations' alone (an in-memory store would hold a second copy of every state; a database
/// provider holds none, like this one). Versions advance as a real provider's would.
/// </summary>
internal sealed class DiscardGrainStorage : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = Next(grainState.ETag);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = Next(grainState.ETag);
        return Task.CompletedTask;
    }

    /// <summary>The version after <paramref name="etag"/>, as a real provider would advance it.</summary>
    internal static string Next(string? etag) =>
        ((string.IsNullOrEmpty(etag) ? 0 : int.Parse(etag, System.Globalization.CultureInfo.InvariantCulture)) + 1)
        .ToString(System.Globalization.CultureInfo.InvariantCulture);
}
