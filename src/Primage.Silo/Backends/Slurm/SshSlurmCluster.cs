using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Primage.Silo.Backends.Slurm;

/// <summary>The cluster operations over the shared SSH connection: one remote command or SFTP transfer each.</summary>
internal sealed class SshSlurmCluster(SlurmClusterOptions options, ILogger logger, TimeProvider timeProvider) : ISlurmCluster
{
    private readonly SlurmSshConnection _connection = new(options, logger, timeProvider);
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.ClusterTimeZone);

    public (long Commands, long SftpOperations, long Connections) Counters
        => (_connection.Commands, _connection.SftpOperations, _connection.Connections);

    public async Task<IReadOnlyList<SlurmSubmitResult>> SubmitAsync(IReadOnlyList<SlurmSubmitRequest> batch, CancellationToken cancellationToken)
    {
        // Staging by SFTP: the batch's input documents and scripts go up as one file, then one command submits them.
        var staged = SlurmScripts.StagedArchivePath(options.WorkDirectory, Guid.NewGuid());
        await _connection.UploadAsync(staged, SlurmScripts.SubmitArchive(batch, options), cancellationToken).ConfigureAwait(false);
        var result = await _connection.ExecuteAsync(SlurmScripts.SubmitCommand(options.WorkDirectory, staged), null, cancellationToken).ConfigureAwait(false);
        return SlurmScripts.ParseSubmitOutput(result.Output + "\n" + result.Error, result.ExitStatus);
    }

    public async Task<SlurmPollResult> PollAsync(IReadOnlyCollection<string> jobIds, IReadOnlyCollection<string> removeDirectories, CancellationToken cancellationToken)
    {
        var result = await _connection.ExecuteAsync(SlurmScripts.PollCommand(jobIds, removeDirectories, options), null, cancellationToken).ConfigureAwait(false);
        return SlurmScripts.ParsePollOutput(result.Output, _zone);
    }

    public async Task CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        if (!jobId.All(char.IsAsciiDigit) || jobId.Length == 0)
        {
            throw new ArgumentException($"'{jobId}' is not a SLURM job id.", nameof(jobId));
        }

        var result = await _connection.ExecuteAsync($"scancel {jobId}", null, cancellationToken).ConfigureAwait(false);
        // scancel of a job that already ended says "Invalid job id specified" (or "already
        // completing or completed"): the poll then reports the state it ended in.
        if (result.ExitStatus != 0
            && !result.Error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)
            && !result.Error.Contains("already completing or completed", StringComparison.OrdinalIgnoreCase))
        {
            throw new SlurmCommandException(string.Create(CultureInfo.InvariantCulture, $"scancel {jobId} failed (exit {result.ExitStatus}): {result.Error.Trim()}"));
        }
    }

    public Task<byte[]?> DownloadAsync(string jobName, string fileName, CancellationToken cancellationToken)
        => _connection.DownloadAsync($"{options.WorkDirectory.TrimEnd('/')}/{jobName}/{fileName}", cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
