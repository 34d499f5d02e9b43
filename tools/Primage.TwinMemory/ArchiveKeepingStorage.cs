using System.Collections.Concurrent;
using System.Security.Cryptography;
using Orleans.Storage;
using Primage.Grains.Predictions;

namespace Primage.TwinMemory;

/// <summary>
/// The storage of the calibrated mode. Like <see cref="DiscardGrainStorage"/> it acknowledges
/// every write and keeps nothing, with one exception the probe's own run needs: the output
/// document of each twin's latest archived step (step ids are "{twin}.cal.{n}"), so that the
/// twin's next calibration reads its posterior back from "storage" as it would from the database.
/// Equal outputs are kept once (the probe's scheduler shares outputs between twins) and a read
/// returns a fresh copy, as a database read would; the archived input is not kept (nothing in the
/// probe reads it back), so a read returns an empty input document. The prediction history is
/// kept only for the twins named at construction (the ones the probe checks), since a history
/// activation deactivates after each call and reloads from storage; the others' histories are
/// acknowledged and discarded like everything else. <see cref="Forget"/> drops what the probe's
/// flow needs before a memory reading, so what is counted is the activations' alone.
/// </summary>
internal sealed class ArchiveKeepingStorage(IReadOnlySet<string> checkedTwins) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, List<Prediction>> _checkedHistories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string StepId, byte[] Output)> _latestByTwin = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _distinct = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState is IGrainState<StepArchiveState> archive
            && TwinOf(grainId.Key.ToString()) is { } twin
            && _latestByTwin.TryGetValue(twin.Twin, out var kept)
            && string.Equals(kept.StepId, twin.StepId, StringComparison.Ordinal))
        {
            archive.State = new StepArchiveState { InputDocument = [], OutputDocument = (byte[])kept.Output.Clone() };
            archive.RecordExists = true;
            archive.ETag = "1";
        }
        else if (grainState is IGrainState<TwinPredictionsState> history
            && _checkedHistories.TryGetValue(grainId.Key.ToString(), out var versions))
        {
            history.State = new TwinPredictionsState { Versions = [.. versions] };
            history.RecordExists = true;
            history.ETag = versions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState is IGrainState<StepArchiveState> { State.OutputDocument: { } output }
            && TwinOf(grainId.Key.ToString()) is { } twin)
        {
            var shared = _distinct.GetOrAdd(Convert.ToHexStringLower(SHA256.HashData(output)), _ => (byte[])output.Clone());  // about ten documents
            _latestByTwin[twin.Twin] = (twin.StepId, shared);
        }
        else if (grainState is IGrainState<TwinPredictionsState> { State: { } kept } && checkedTwins.Contains(grainId.Key.ToString()))
        {
            _checkedHistories[grainId.Key.ToString()] = [.. kept.Versions];
        }

        grainState.ETag = DiscardGrainStorage.Next(grainState.ETag);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = DiscardGrainStorage.Next(grainState.ETag);
        return Task.CompletedTask;
    }

    /// <summary>Drops everything kept but the checked twins' documents and histories (a few KB of index).</summary>
    public void Forget()
    {
        foreach (var twin in _latestByTwin.Keys)
        {
            if (!checkedTwins.Contains(twin))
            {
                _latestByTwin.TryRemove(twin, out _);
            }
        }
    }

    private static (string Twin, string StepId)? TwinOf(string stepId)
    {
        var at = stepId.LastIndexOf(".cal.", StringComparison.Ordinal);
        return at < 0 ? null : (stepId[..at], stepId);
    }
}
