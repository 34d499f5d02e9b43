using System.Diagnostics;

namespace Primage.Validation;

/// <summary>A stopwatch over the process's CPU time (user + kernel), for single-threaded measurements.</summary>
internal sealed class CpuWatch
{
    private readonly TimeSpan _start = Process.GetCurrentProcess().TotalProcessorTime;

    public static CpuWatch StartNew() => new();

    public TimeSpan Elapsed => Process.GetCurrentProcess().TotalProcessorTime - _start;
}
