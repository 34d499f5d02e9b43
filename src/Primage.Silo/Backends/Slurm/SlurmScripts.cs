using System.Formats.Tar;
using System.Globalization;
using System.Text;

namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// The shell the backend runs on the login node, and the parsing of what it prints. Everything
/// put into a command is either a validated job name or id, or single-quoted.
/// </summary>
internal static class SlurmScripts
{
    public const string InputFile = "input.json";
    public const string OutputFile = "output.json";
    public const string StdoutFile = "stdout.txt";
    public const string StderrFile = "stderr.txt";
    public const string JobScriptFile = "job.sh";
    public const string ExitCodeFile = "exit.code";

    private const string SubmitScriptFile = "submit.sh";
    private const string JobMarker = "@@job ";
    private const string ErrorMarker = "@@error ";
    private const string SqueueMarker = "@@squeue ";
    private const string SacctMarker = "@@sacct ";

    public static string Quote(string value) => "'" + value.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The submission command for a batch staged by SFTP at <paramref name="stagedArchive"/> (a tar
    /// archive holding one directory per step, with its input document and batch script, and
    /// submit.sh, which checks for jobs already carrying the names and submits the rest). The archive
    /// is unpacked into a private temporary directory first, so a step whose job already exists keeps
    /// its directory untouched; the staged file is removed once the batch was submitted.
    /// </summary>
    public static string SubmitCommand(string workDirectory, string stagedArchive)
    {
        var work = Quote(workDirectory);
        var staged = Quote(stagedArchive);
        return $"umask 022; mkdir -p {work} && tmp=$(mktemp -d {work}/.incoming.XXXXXX) && tar -x -C \"$tmp\" -f {staged} && sh \"$tmp/{SubmitScriptFile}\" \"$tmp\"; rc=$?; [ -n \"${{tmp:-}}\" ] && rm -rf \"$tmp\"; [ $rc -eq 0 ] && rm -f {staged}; exit $rc";
    }

    /// <summary>Where a batch's archive is staged by SFTP before <see cref="SubmitCommand"/> submits it.</summary>
    public static string StagedArchivePath(string workDirectory, Guid batch)
        => $"{workDirectory.TrimEnd('/')}/.staged-{batch:N}.tar";

    /// <summary>The tar archive for <see cref="SubmitCommand"/>.</summary>
    public static byte[] SubmitArchive(IReadOnlyList<SlurmSubmitRequest> batch, SlurmClusterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var request in batch)
            {
                Add(tar, $"{request.JobName}/{InputFile}", request.Input, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                Add(tar, $"{request.JobName}/{JobScriptFile}", Encoding.UTF8.GetBytes(JobScript(request, options)), Executable);
            }

            Add(tar, SubmitScriptFile, Encoding.UTF8.GetBytes(SubmitScript(batch, options)), Executable);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The batch script: runs the kernel runner in the step directory and exits with its exit code,
    /// so SLURM records FAILED with ExitCode 2:0 when the runner rejects its input.
    /// </summary>
    public static string JobScript(SlurmSubmitRequest request, SlurmClusterOptions options)
    {
        var dir = Quote($"{options.WorkDirectory.TrimEnd('/')}/{request.JobName}");
        return $"""
            #!/bin/sh
            # Primage step {request.JobName} (generated). Exit code = the kernel runner's.
            cd {dir} || exit 1
            {options.RunnerCommand} --in {InputFile} --out {OutputFile}
            rc=$?
            echo "$rc" > {ExitCodeFile}
            exit "$rc"

            """;
    }

    /// <summary>
    /// submit.sh: under a lock on the login node (so two silos cannot both submit a name), one
    /// squeue (live and recent jobs) and one read of the job-completion log find jobs already
    /// carrying the batch's names; only the others are submitted. squeue failing aborts the whole
    /// batch: without knowing, nothing is submitted. `sacct -c` ignores --name and lists the whole
    /// log, so names are matched exactly by awk.
    /// </summary>
    public static string SubmitScript(IReadOnlyList<SlurmSubmitRequest> batch, SlurmClusterOptions options)
    {
        var work = options.WorkDirectory.TrimEnd('/');
        var names = string.Join(',', batch.Select(b => b.JobName));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $$"""
            # Primage submission batch (generated)
            set -u
            tmp=$1
            work={{Quote(work)}}
            names={{Quote(names)}}
            if command -v flock >/dev/null 2>&1; then
              exec 9>"$work/.primage-submit.lock"
              flock -w 60 9 || { echo "{{ErrorMarker}}could not lock $work/.primage-submit.lock"; exit 3; }
            fi
            if ! live=$(squeue -h -t all -u "$(id -un)" -n "$names" -o '%j|%i' 2>"$tmp/squeue.err"); then
              echo "{{ErrorMarker}}squeue: $(head -c 400 "$tmp/squeue.err" | tr '\n' ' ')"
              exit 3
            fi
            finished=$(sacct -c -n -P --name "$names" -o JobName,JobIDRaw 2>/dev/null || true)
            known() {
              printf '%s\n%s\n' "$finished" "$live" | awk -F'|' -v n="$1" '$1 == n { id = $2 } END { if (id != "") print id }'
            }
            submit() {
              name=$1; shift
              id=$(known "$name")
              if [ -n "$id" ]; then echo "{{JobMarker}}$name|$id|existing"; return; fi
              rm -rf "$work/$name" && mv "$tmp/$name" "$work/$name" || { echo "{{JobMarker}}$name||failed staging"; return; }
              if out=$(sbatch --parsable "$@" 2>"$tmp/sbatch.err"); then
                echo "{{JobMarker}}$name|$(printf '%s\n' "$out" | tail -n 1 | cut -d';' -f1)|submitted"
              else
                echo "{{JobMarker}}$name||failed $(head -c 400 "$tmp/sbatch.err" | tr '\n|' '  ')"
              fi
            }

            """);
        foreach (var r in batch)
        {
            var dir = $"{work}/{r.JobName}";
            sb.Append(CultureInfo.InvariantCulture, $"submit {r.JobName} --job-name={r.JobName} --time={Walltime(r.Walltime)} --partition={Quote(r.Partition)}");
            if (!string.IsNullOrWhiteSpace(r.Account))
            {
                sb.Append(CultureInfo.InvariantCulture, $" --account={Quote(r.Account)}");
            }

            sb.Append(CultureInfo.InvariantCulture, $" --cpus-per-task={r.Cpus}");
            if (r.MemoryMb is { } mem)
            {
                sb.Append(CultureInfo.InvariantCulture, $" --mem={mem}M");
            }

            sb.Append(CultureInfo.InvariantCulture, $" --no-requeue --chdir={Quote(dir)} --output={Quote($"{dir}/{StdoutFile}")} --error={Quote($"{dir}/{StderrFile}")} {Quote($"{dir}/{JobScriptFile}")}\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// SLURM's --time as days-hours:minutes:seconds, rounded up to whole minutes (its resolution),
    /// at least one minute.
    /// </summary>
    public static string Walltime(TimeSpan walltime)
    {
        var minutes = Math.Max(1, (long)Math.Ceiling(walltime.TotalMinutes - 1e-9));
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 1440}-{minutes % 1440 / 60:00}:{minutes % 60:00}:00");
    }

    public static IReadOnlyList<SlurmSubmitResult> ParseSubmitOutput(string output, int exitStatus)
    {
        var error = output.Split('\n').FirstOrDefault(l => l.StartsWith(ErrorMarker, StringComparison.Ordinal));
        if (error is not null || exitStatus != 0)
        {
            throw new SlurmCommandException($"submission failed (exit {exitStatus}): {error?[ErrorMarker.Length..] ?? output.Trim()}");
        }

        var results = new List<SlurmSubmitResult>();
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith(JobMarker, StringComparison.Ordinal))
            {
                continue;
            }

            var f = line[JobMarker.Length..].Split('|', 3);
            if (f.Length < 3)
            {
                continue;
            }

            var id = f[1].Trim();
            var ok = id.Length > 0 && id.All(char.IsAsciiDigit);
            results.Add(new SlurmSubmitResult(f[0], ok ? id : null, f[2] == "existing", ok ? null : f[2]));
        }

        return results;
    }

    /// <summary>
    /// The poll command: squeue for every job of the account (one controller call), then `sacct -c`
    /// (a file read, no controller call) only for the watched ids squeue did not list, then removal
    /// of step directories whose results were delivered.
    /// </summary>
    public static string PollCommand(IReadOnlyCollection<string> jobIds, IReadOnlyCollection<string> removeDirectories, SlurmClusterOptions options)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"q=$(squeue -h -t all -u \"$(id -un)\" -O '{SlurmOutputParser.SqueueFormat}' 2>&1); rc=$?; printf '%s\\n{SqueueMarker}%s\\n' \"$q\" \"$rc\"; ");
        if (jobIds.Count > 0)
        {
            var ids = string.Join(',', jobIds);
            sb.Append(CultureInfo.InvariantCulture, $"want={ids}; if [ $rc -eq 0 ]; then missing=$(printf '%s\\n' \"$q\" | awk -F'|' -v want=\"$want\" 'BEGIN {{ n = split(want, w, \",\") }} {{ seen[$1] = 1 }} END {{ s = \"\"; for (i = 1; i <= n; i++) if (!(w[i] in seen)) s = s (s == \"\" ? \"\" : \",\") w[i]; print s }}'); else missing=$want; fi; ");
            sb.Append(CultureInfo.InvariantCulture, $"if [ -n \"$missing\" ]; then sacct -c -n -P -o {SlurmOutputParser.SacctFields} -j \"$missing\" 2>/dev/null; printf '{SacctMarker}%s\\n' \"$?\"; fi; ");
        }

        if (removeDirectories.Count > 0)
        {
            var work = options.WorkDirectory.TrimEnd('/');
            sb.Append("rm -rf --");
            foreach (var dir in removeDirectories)
            {
                sb.Append(' ').Append(Quote($"{work}/{dir}"));
            }

            sb.Append("; ");
        }

        sb.Append("exit 0");
        return sb.ToString();
    }

    public static SlurmPollResult ParsePollOutput(string output, TimeZoneInfo zone)
    {
        var lines = output.Split('\n');
        var queueEnd = Array.FindIndex(lines, l => l.StartsWith(SqueueMarker, StringComparison.Ordinal));
        if (queueEnd < 0)
        {
            return new SlurmPollResult(false, "no squeue section in the output", Empty, Empty);
        }

        var queueOk = lines[queueEnd][SqueueMarker.Length..].Trim() == "0";
        var queueText = string.Join('\n', lines[..queueEnd]);
        var queue = queueOk
            ? SlurmOutputParser.ParseSqueue(queueText, zone).ToDictionary(j => j.JobId, StringComparer.Ordinal)
            : Empty;
        var accounting = Empty;
        var acctEnd = Array.FindIndex(lines, queueEnd + 1, l => l.StartsWith(SacctMarker, StringComparison.Ordinal));
        if (acctEnd > queueEnd)
        {
            accounting = SlurmOutputParser.ParseSacct(string.Join('\n', lines[(queueEnd + 1)..acctEnd]), zone)
                .ToDictionary(j => j.JobId, StringComparer.Ordinal);
        }

        return new SlurmPollResult(queueOk, queueOk ? null : queueText.Trim(), queue, accounting);
    }

    private static readonly Dictionary<string, SlurmJobStatus> Empty = new(StringComparer.Ordinal);

    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static void Add(TarWriter tar, string name, byte[] content, UnixFileMode mode)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(content) };
        tar.WriteEntry(entry);
    }
}
