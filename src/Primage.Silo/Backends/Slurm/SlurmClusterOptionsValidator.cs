using Microsoft.Extensions.Options;

namespace Primage.Silo.Backends.Slurm;

/// <summary>Checks a cluster's options before the backend uses them.</summary>
public sealed class SlurmClusterOptionsValidator : IValidateOptions<SlurmClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SlurmClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var prefix = $"{SlurmClusterOptions.SectionPath}:{(string.IsNullOrEmpty(name) ? options.Name : name)}";
        Require(options.Name, "Name");
        Require(options.Host, "Host");
        Require(options.User, "User");
        Require(options.KeyFile, "KeyFile");
        Require(options.HostKeyFingerprint, "HostKeyFingerprint");
        Require(options.Partition, "Partition");
        Require(options.RunnerCommand, "RunnerCommand");
        if (!options.WorkDirectory.StartsWith('/') || options.WorkDirectory.Contains('\'', StringComparison.Ordinal))
        {
            errors.Add($"{prefix}:WorkDirectory must be an absolute remote path without quotes.");
        }

        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"{prefix}:Port must be 1-65535.");
        }

        if (options.DefaultWalltime < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{prefix}:DefaultWalltime must be at least one minute (SLURM's resolution).");
        }

        if (options.DefaultMemoryMb is <= 0)
        {
            errors.Add($"{prefix}:DefaultMemoryMb must be positive when set.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"{prefix}:PollInterval must be at least 100 ms.");
        }

        if (options.ControllerCallsPerSecond is <= 0 or > 1000 || double.IsNaN(options.ControllerCallsPerSecond))
        {
            errors.Add($"{prefix}:ControllerCallsPerSecond must be in (0, 1000].");
        }

        if (options.ControllerBurst < 2)
        {
            errors.Add($"{prefix}:ControllerBurst must be at least 2 (a submission checks the queue, then calls sbatch).");
        }

        if (options.MaxSubmitBatch < 1)
        {
            errors.Add($"{prefix}:MaxSubmitBatch must be at least 1.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.ClusterTimeZone, out _))
        {
            errors.Add($"{prefix}:ClusterTimeZone '{options.ClusterTimeZone}' is not a known time zone.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.CommandTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}:ConnectTimeout and CommandTimeout must be positive.");
        }

        if (options.ReconnectAttempts < 0 || options.ReconnectBaseDelay < TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectBaseDelay)
        {
            errors.Add($"{prefix}:ReconnectAttempts must be >= 0 and ReconnectMaxDelay >= ReconnectBaseDelay >= 0.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Require(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{prefix}:{field} is required.");
            }
        }
    }
}
