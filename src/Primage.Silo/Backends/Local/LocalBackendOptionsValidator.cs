using Microsoft.Extensions.Options;

namespace Primage.Silo.Backends.Local;

/// <summary>Rejects local backend settings that cannot work.</summary>
public sealed class LocalBackendOptionsValidator : IValidateOptions<LocalBackendOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"{LocalBackendOptions.SectionName}:Name must not be empty.");
        }

        if (options.MaxParallelism < 1)
        {
            failures.Add($"{LocalBackendOptions.SectionName}:MaxParallelism must be at least 1.");
        }

        if (options.DefaultWalltime is { } walltime && walltime <= TimeSpan.Zero)
        {
            failures.Add($"{LocalBackendOptions.SectionName}:DefaultWalltime must be positive.");
        }

        if (options.FinishedRetention < TimeSpan.Zero)
        {
            failures.Add($"{LocalBackendOptions.SectionName}:FinishedRetention must not be negative.");
        }

        if (options.ReportTries < 1)
        {
            failures.Add($"{LocalBackendOptions.SectionName}:ReportTries must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
