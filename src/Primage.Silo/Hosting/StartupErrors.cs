using Microsoft.Extensions.Options;

namespace Primage.Silo.Hosting;

/// <summary>
/// Recognises a configuration mistake found while the service starts (a setting its validator
/// refuses, or a value that does not convert to the setting's type), so that the entry point can
/// print one line naming the setting and exit with <see cref="ExitCode"/> instead of a stack trace.
/// </summary>
public static class StartupErrors
{
    /// <summary>Exit code of a start refused for its configuration.</summary>
    public const int ExitCode = 2;

    /// <summary>
    /// Runs every validation registered with ValidateOnStart now, before the host starts, so a mistake
    /// surfaces here as an exception <see cref="Describe"/> recognises rather than as a failed start the
    /// host logs with its stack trace.
    /// </summary>
    public static void ValidateNow(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<IStartupValidator>()?.Validate();
    }

    /// <summary>The message for a configuration mistake, or null for any other failure.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        InvalidOperationException unconvertible
            when unconvertible.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => unconvertible.Message,
        AggregateException { InnerExceptions.Count: > 0 } many when many.InnerExceptions.All(e => Describe(e) is not null)
            => string.Join(" ", many.InnerExceptions.Select(e => Describe(e))),
        _ => null,
    };
}
