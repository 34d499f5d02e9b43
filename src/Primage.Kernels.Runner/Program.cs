using System.Runtime.InteropServices;
using Primage.Kernels.Runner;

// primage-kernel --in input.json --out output.json [--no-timings]
// What a SLURM job (and anyone by hand) runs: the same StepRunner the local backend calls.
// Exit codes: 0 success; 2 invalid input or arguments (one line on stderr, "invalid input: <field>: <reason>");
// 1 any other failure (one line); 130 after SIGINT, 143 after SIGTERM. The output file appears
// only complete: written to a temporary file in the same directory, flushed, then renamed.
const int ExitOk = 0;
const int ExitFailure = 1;
const int ExitInvalid = 2;

string? inPath = null;
string? outPath = null;
var timings = true;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--in" when i + 1 < args.Length:
            inPath = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            outPath = args[++i];
            break;
        case "--no-timings":
            timings = false;
            break;
        default:
            return Fail(ExitInvalid, $"invalid input: arguments: unexpected '{args[i]}'; usage: primage-kernel --in input.json --out output.json [--no-timings]");
    }
}

if (inPath is null || outPath is null)
{
    return Fail(ExitInvalid, $"invalid input: arguments: {(inPath is null ? "--in" : "--out")} is required; usage: primage-kernel --in input.json --out output.json [--no-timings]");
}

using var cancellation = new CancellationTokenSource();
var signalExit = 0;
void OnSignal(PosixSignalContext context, int exitCode)
{
    // Let the run unwind through its cancellation checks instead of the process dying mid-write.
    context.Cancel = true;
    Interlocked.CompareExchange(ref signalExit, exitCode, 0);
    cancellation.Cancel();
}

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, 143));
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, 130));

string? tempPath = null;
try
{
    var input = File.ReadAllBytes(inPath);
    var output = StepRunner.Run(input, timings, cancellation.Token);
    cancellation.Token.ThrowIfCancellationRequested();

    var fullOut = Path.GetFullPath(outPath);
    tempPath = Path.Combine(Path.GetDirectoryName(fullOut)!, $".{Path.GetFileName(fullOut)}.{Environment.ProcessId}.tmp");
    using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
    {
        stream.Write(output);
        stream.Flush(flushToDisk: true);
    }

    cancellation.Token.ThrowIfCancellationRequested();
    File.Move(tempPath, fullOut, overwrite: true);
    tempPath = null;
    return ExitOk;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    var code = Volatile.Read(ref signalExit);
    return Fail(code == 0 ? 130 : code, "cancelled");
}
catch (StepInputException e)
{
    return Fail(ExitInvalid, $"invalid input: {e.Field}: {e.Reason}");
}
catch (Exception e)
{
    return Fail(ExitFailure, $"failed: {e.GetType().Name}: {e.Message}");
}
finally
{
    if (tempPath is not null)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden temp file is never mistaken for the output.
        }
    }
}

static int Fail(int code, string message)
{
    // Exactly one line, whatever the exception text contains.
    Console.Error.WriteLine(message.ReplaceLineEndings(" "));
    return code;
}
