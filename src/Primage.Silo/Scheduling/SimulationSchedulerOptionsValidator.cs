using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling;

/// <summary>Rejects scheduler settings that cannot work.</summary>
public sealed class SimulationSchedulerOptionsValidator : IValidateOptions<SimulationSchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulationSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = SimulationSchedulerOptions.SectionName;
        var failures = new List<string>();
        if (!SchedulerKinds.IsKnown(options.Kind))
        {
            failures.Add($"{Section}:Kind must be '{SchedulerKinds.Orleans}' or '{SchedulerKinds.Akka}', not '{options.Kind}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Backend))
        {
            failures.Add($"{Section}:Backend must not be empty.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{Section}:MaxAttempts must be at least 1.");
        }

        if (options.MaxSubmitTries < 1)
        {
            failures.Add($"{Section}:MaxSubmitTries must be at least 1.");
        }

        if (options.InitialBackoff < TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add($"{Section}: need 0 <= InitialBackoff <= MaxBackoff.");
        }

        if (options.AskTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:AskTimeout must be positive.");
        }

        if (options.WatchdogPeriod < SimulationSchedulerOptions.MinimumWatchdogPeriod)
        {
            failures.Add($"{Section}:WatchdogPeriod must be at least {SimulationSchedulerOptions.MinimumWatchdogPeriod}.");
        }

        if (options.RetryOn is { } retryOn && (retryOn.Contains(StepOutcome.InputRejected) || retryOn.Contains(StepOutcome.Succeeded)))
        {
            failures.Add($"{Section}:RetryOn must not list InputRejected or Succeeded.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
