using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Primage.Silo.Backends.Slurm;

/// <summary>
/// The one SSH connection (an SshClient for commands and an SftpClient for files) to a cluster's
/// login node, shared by all jobs. It connects lazily, checks the pinned host key on every
/// connect, and when an operation fails because the connection dropped it drops both clients and
/// retries the operation on a new connection with exponential backoff (Polly). Every operation
/// given to it must therefore be idempotent (the backend's are).
/// </summary>
internal sealed partial class SlurmSshConnection : IAsyncDisposable
{
    private readonly SlurmClusterOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly HashSet<string> _pinned;
    private SshClient? _ssh;
    private SftpClient? _sftp;
    private PrivateKeyFile? _key;
    private string? _rejectedKey;
    private long _commands;
    private long _sftpOperations;
    private long _connections;
    private bool _disposed;

    public SlurmSshConnection(SlurmClusterOptions options, ILogger logger, TimeProvider timeProvider)
    {
        _options = options;
        _logger = logger;
        _pinned = [.. options.HostKeyFingerprint.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(NormaliseFingerprint)];
        _retry = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsConnectionFailure),
                MaxRetryAttempts = Math.Max(options.ReconnectAttempts, 0),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectBaseDelay,
                MaxDelay = options.ReconnectMaxDelay,
                OnRetry = args =>
                {
                    LogConnectionLost(_logger, _options.Name, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return InvalidateAsync();
                },
            })
            .Build();
    }

    public long Commands => Interlocked.Read(ref _commands);

    public long SftpOperations => Interlocked.Read(ref _sftpOperations);

    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Runs a command (with optional stdin) and returns its exit status and output.</summary>
    public async Task<SlurmCommandResult> ExecuteAsync(string command, byte[]? input, CancellationToken cancellationToken)
        => await _retry.ExecuteAsync(async token =>
        {
            var (ssh, _) = await EnsureConnectedAsync(token).ConfigureAwait(false);
            using var cmd = ssh.CreateCommand(command);
            cmd.CommandTimeout = _options.CommandTimeout;
            Interlocked.Increment(ref _commands);
            var execution = cmd.ExecuteAsync(token);
            if (input is not null)
            {
                await using var stdin = cmd.CreateInputStream();
                await stdin.WriteAsync(input, token).ConfigureAwait(false);
            }

            await execution.ConfigureAwait(false);
            return new SlurmCommandResult(cmd.ExitStatus ?? -1, cmd.Result, cmd.Error);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Downloads a remote file, or returns null when it does not exist.</summary>
    public async Task<byte[]?> DownloadAsync(string path, CancellationToken cancellationToken)
        => await _retry.ExecuteAsync(async token =>
        {
            var (_, sftp) = await EnsureConnectedAsync(token).ConfigureAwait(false);
            Interlocked.Increment(ref _sftpOperations);
            using var buffer = new MemoryStream();
            try
            {
                await sftp.DownloadFileAsync(path, buffer, token).ConfigureAwait(false);
            }
            catch (SftpPathNotFoundException)
            {
                return null;
            }

            return buffer.ToArray();
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Uploads a file by SFTP (replacing one of that name), creating its directory when it does not
    /// exist yet; retried on a new connection like every operation, which is safe because it only
    /// ever writes the same bytes to the same path.
    /// </summary>
    public async Task UploadAsync(string path, byte[] content, CancellationToken cancellationToken)
        => await _retry.ExecuteAsync(async token =>
        {
            var (_, sftp) = await EnsureConnectedAsync(token).ConfigureAwait(false);
            Interlocked.Increment(ref _sftpOperations);
            try
            {
                await Upload(sftp, path, content, token).ConfigureAwait(false);
            }
            catch (SftpPathNotFoundException)
            {
                CreateDirectories(sftp, path[..Math.Max(0, path.LastIndexOf('/'))]);
                await Upload(sftp, path, content, token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            DropClients();
        }
        finally
        {
            _connectLock.Release();
        }

        _connectLock.Dispose();
    }

    private async Task<(SshClient Ssh, SftpClient Sftp)> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_ssh is { IsConnected: true } && _sftp is { IsConnected: true })
            {
                return (_ssh, _sftp);
            }

            DropClients();
            _key = new PrivateKeyFile(_options.KeyFile);
            var info = new PrivateKeyConnectionInfo(_options.Host, _options.Port, _options.User, _key)
            {
                Timeout = _options.ConnectTimeout,
            };
            var ssh = new SshClient(info) { KeepAliveInterval = _options.KeepAliveInterval };
            var sftp = new SftpClient(info) { KeepAliveInterval = _options.KeepAliveInterval, OperationTimeout = _options.CommandTimeout };
            ssh.HostKeyReceived += CheckHostKey;
            sftp.HostKeyReceived += CheckHostKey;
            _ssh = ssh;
            _sftp = sftp;
            _rejectedKey = null;
            try
            {
                await ssh.ConnectAsync(cancellationToken).ConfigureAwait(false);
                await sftp.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (_rejectedKey is not null)
            {
                var presented = _rejectedKey;
                DropClients();
                LogHostKeyRejected(_logger, _options.Name, _options.Host, presented);
                throw new SlurmHostKeyMismatchException(_options.Host, presented);
            }

            Interlocked.Increment(ref _connections);
            LogConnected(_logger, _options.Name, _options.Host, _options.Port);
            return (ssh, sftp);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void CheckHostKey(object? sender, HostKeyEventArgs e)
    {
        var presented = NormaliseFingerprint(e.FingerPrintSHA256);
        e.CanTrust = _pinned.Contains(presented);
        if (!e.CanTrust)
        {
            _rejectedKey = presented;
        }
    }

    private async ValueTask InvalidateAsync()
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            DropClients();
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private static async Task Upload(SftpClient sftp, string path, byte[] content, CancellationToken cancellationToken)
    {
        using var source = new MemoryStream(content, writable: false);
        await sftp.UploadFileAsync(source, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>mkdir -p over SFTP (a relative path is under the login's home directory, as for commands).</summary>
    private static void CreateDirectories(SftpClient sftp, string directory)
    {
        var path = directory.StartsWith('/') ? "/" : "";
        foreach (var part in directory.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = path.Length == 0 || path == "/" ? path + part : $"{path}/{part}";
            if (!sftp.Exists(path))
            {
                sftp.CreateDirectory(path);
            }
        }
    }

    private void DropClients()
    {
        foreach (var client in new BaseClient?[] { _ssh, _sftp })
        {
            if (client is null)
            {
                continue;
            }

            client.HostKeyReceived -= CheckHostKey;
            try
            {
                client.Dispose();
            }
            catch (Exception e)
            {
                LogDisposeFailed(_logger, _options.Name, e.Message);
            }
        }

        _ssh = null;
        _sftp = null;
        _key?.Dispose();
        _key = null;
    }

    /// <summary>
    /// Failures of the connection rather than of the operation: retried on a new connection. Host-key
    /// mismatches, authentication failures, missing files and permission errors are not.
    /// </summary>
    private static bool IsConnectionFailure(Exception e) => e switch
    {
        SlurmHostKeyMismatchException => false,
        SshAuthenticationException => false,
        SftpPathNotFoundException or SftpPermissionDeniedException => false,
        OperationCanceledException => false,
        SshConnectionException or SshOperationTimeoutException or SocketException or IOException => true,
        ObjectDisposedException => true,
        SshException => true,
        InvalidOperationException ioe when ioe.Message.Contains("not connected", StringComparison.OrdinalIgnoreCase) => true,
        _ => false,
    };

    private static string NormaliseFingerprint(string fingerprint)
    {
        var f = fingerprint.Trim();
        if (f.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase))
        {
            f = f[7..];
        }

        return f.TrimEnd('=');
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "SLURM cluster {Cluster}: connected to {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, string cluster, string host, int port);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "SLURM cluster {Cluster}: connection lost ({Error}); reconnect attempt {Attempt} in {Delay}")]
    private static partial void LogConnectionLost(ILogger logger, string cluster, int attempt, TimeSpan delay, string? error);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "SLURM cluster {Cluster}: host {Host} presented host key SHA256:{Presented}, which is not pinned; connection refused")]
    private static partial void LogHostKeyRejected(ILogger logger, string cluster, string host, string presented);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "SLURM cluster {Cluster}: disposing a client failed: {Error}")]
    private static partial void LogDisposeFailed(ILogger logger, string cluster, string error);
}
