namespace Primage.Api.Tests.Clinician;

/// <summary>
/// A test that drives the real Chromium. Skipped locally when Chromium, node or playwright-core is
/// missing; with CI=true it always runs, so a missing browser fails it instead of passing silently.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserEnvironment.IsCi && BrowserEnvironment.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
