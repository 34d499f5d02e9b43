using System.Collections.Concurrent;
using System.Text.Json;
using Primage.Kernels.Runner;

namespace Primage.Silo.Tests.Multiscale;

/// <summary>
/// The real kernel runner (<see cref="StepRunner.Run"/>), counting executions per step id across every host
/// it is given to; <see cref="FailStep"/> makes one step id fail as a kernel error would.
/// </summary>
public sealed class CountingKernelRunner
{
    private readonly ConcurrentDictionary<string, int> _executions = new(StringComparer.Ordinal);

    /// <summary>A step id whose execution throws instead of running (null: none).</summary>
    public string? FailStep { get; init; }

    public int Executions(string stepId) => _executions.GetValueOrDefault(stepId);

    public IReadOnlyDictionary<string, int> All => _executions;

    public byte[] Run(ReadOnlySpan<byte> inputDocument, bool includeTimings, CancellationToken cancellationToken)
    {
        using (var document = JsonDocument.Parse(inputDocument.ToArray()))
        {
            var stepId = document.RootElement.GetProperty("stepId").GetString() ?? "";
            _executions.AddOrUpdate(stepId, 1, static (_, count) => count + 1);
            if (stepId == FailStep)
            {
                throw new InvalidOperationException("the region's simulation diverged (injected by the test)");
            }
        }

        return StepRunner.Run(inputDocument, includeTimings, cancellationToken);
    }
}
