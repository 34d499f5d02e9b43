using System.Globalization;
using System.Text.RegularExpressions;

namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// Parses what the SLURM tools print for the formats the backend asks for. SLURM prints times in
/// the controller's local time zone without an offset, so the caller passes that zone.
/// </summary>
internal static partial class SlurmOutputParser
{
    /// <summary>The squeue field list the backend asks for; each field ends with "|", names are not padded.</summary>
    public const string SqueueFormat = "JobID:|,Name:|,State:|,Reason:|,StartTime:|,EndTime:|,exit_code:|";

    /// <summary>The sacct fields the backend asks for (with -P: "|" separated, no padding).</summary>
    public const string SacctFields = "JobIDRaw,JobName,State,ExitCode,Start,End";

    /// <summary>
    /// `squeue -h -t all -O <see cref="SqueueFormat"/>`: one line per job, e.g.
    /// "3|cap.rej|FAILED|NonZeroExitCode|2026-12-03T18:43:54|2026-12-03T18:43:56|512|". The exit_code
    /// field is the raw wait status: exit code = status / 256, signal = status % 128.
    /// </summary>
    public static IReadOnlyList<SlurmJobStatus> ParseSqueue(string text, TimeZoneInfo zone)
    {
        var jobs = new List<SlurmJobStatus>();
        foreach (var line in Lines(text))
        {
            var f = line.Split('|');
            if (f.Length < 7 || !IsJobId(f[0]))
            {
                continue;
            }

            int? exit = null;
            int? signal = null;
            if (int.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var raw))
            {
                exit = (raw >> 8) & 0xff;
                signal = raw & 0x7f;
            }

            jobs.Add(new SlurmJobStatus(f[0], f[1], SlurmStateMapper.Normalise(f[2]), exit, signal,
                NullIfNone(f[3]), ParseTime(f[4], zone), ParseTime(f[5], zone)));
        }

        return jobs;
    }

    /// <summary>
    /// `scontrol show job -o [id]`: one line of Key=Value pairs per job
    /// ("JobId=3 JobName=cap.rej ... JobState=FAILED Reason=NonZeroExitCode ... ExitCode=2:0 ...").
    /// </summary>
    public static IReadOnlyList<SlurmJobStatus> ParseScontrol(string text, TimeZoneInfo zone)
    {
        var jobs = new List<SlurmJobStatus>();
        foreach (var line in Lines(text))
        {
            var fields = KeyValues(line);
            if (!fields.TryGetValue("JobId", out var id) || !IsJobId(id) || !fields.TryGetValue("JobState", out var state))
            {
                continue;
            }

            var (exit, signal) = ParseExitPair(fields.GetValueOrDefault("ExitCode"));
            jobs.Add(new SlurmJobStatus(id, fields.GetValueOrDefault("JobName") ?? "", SlurmStateMapper.Normalise(state),
                exit, signal, NullIfNone(fields.GetValueOrDefault("Reason")),
                ParseTime(fields.GetValueOrDefault("StartTime"), zone), ParseTime(fields.GetValueOrDefault("EndTime"), zone)));
        }

        return jobs;
    }

    /// <summary>
    /// `sacct -c -n -P -o <see cref="SacctFields"/>`: the job-completion log, e.g.
    /// "4|cap.timeout|TIMEOUT|0:0|2026-12-03T18:43:54|2026-12-03T18:45:08". A requeued job has one
    /// line per run under the same id; the log is in completion order, so the last line wins.
    /// </summary>
    public static IReadOnlyList<SlurmJobStatus> ParseSacct(string text, TimeZoneInfo zone)
    {
        var byId = new Dictionary<string, SlurmJobStatus>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var line in Lines(text))
        {
            var f = line.Split('|');
            if (f.Length < 6 || !IsJobId(f[0]))
            {
                continue;
            }

            var (exit, signal) = ParseExitPair(f[3]);
            if (!byId.ContainsKey(f[0]))
            {
                order.Add(f[0]);
            }

            byId[f[0]] = new SlurmJobStatus(f[0], f[1], SlurmStateMapper.Normalise(f[2]), exit, signal, null,
                ParseTime(f[4], zone), ParseTime(f[5], zone));
        }

        return [.. order.Select(id => byId[id])];
    }

    /// <summary>"2:0" (exit code : signal) as sacct and scontrol print it.</summary>
    public static (int? Exit, int? Signal) ParseExitPair(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var exitText = colon < 0 ? text : text[..colon];
        var signalText = colon < 0 ? "0" : text[(colon + 1)..];
        int? exit = int.TryParse(exitText, NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : null;
        int? signal = int.TryParse(signalText, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        return (exit, signal);
    }

    public static DateTimeOffset? ParseTime(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null; // "N/A", "Unknown", "None"
        }

        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    /// <summary>Plain or array-task job ids as SLURM prints them: "123", "123_4".</summary>
    private static bool IsJobId(string text) => text.Length > 0 && JobIdPattern().IsMatch(text);

    private static string? NullIfNone(string? text)
        => string.IsNullOrWhiteSpace(text) || text is "None" or "(null)" ? null : text;

    private static IEnumerable<string> Lines(string text)
        => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Splits "K1=v1 K2=v 2 K3=v3" at each space followed by a key and "=". Values may hold spaces
    /// (a Reason, a path); keys are letters, digits and ":/_" ("AllocNode:Sid", "CPUs/Task").
    /// </summary>
    private static Dictionary<string, string> KeyValues(string line)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var matches = KeyPattern().Matches(line);
        for (var i = 0; i < matches.Count; i++)
        {
            var key = matches[i].Groups[1].Value;
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : line.Length;
            result.TryAdd(key, line[start..end].Trim());
        }

        return result;
    }

    [GeneratedRegex(@"^[0-9]+(_[0-9]+)?$")]
    private static partial Regex JobIdPattern();

    [GeneratedRegex(@"(?:^|(?<= ))([A-Za-z][A-Za-z0-9_:/]*)=")]
    private static partial Regex KeyPattern();
}
