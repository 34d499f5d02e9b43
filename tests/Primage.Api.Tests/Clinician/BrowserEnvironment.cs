namespace Primage.Api.Tests.Clinician;

/// <summary>Where the real-browser test finds Chromium, node and playwright-core (scripts/services/chromium.sh installs them).</summary>
public static class BrowserEnvironment
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Chromium => Environment.GetEnvironmentVariable("PRIMAGE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string BrowserTests => Path.Combine(RepoRoot, "tests", "browser");

    /// <summary>Null when everything is there; otherwise what is missing.</summary>
    public static string? MissingReason
    {
        get
        {
            var missing = new List<string>();
            if (!File.Exists(Chromium))
            {
                missing.Add($"Chromium at {Chromium} (set PRIMAGE_CHROMIUM)");
            }

            if (!Directory.Exists(Path.Combine(BrowserTests, "node_modules", "playwright-core")))
            {
                missing.Add("tests/browser/node_modules (run npm ci there)");
            }

            if (FindOnPath("node") is null)
            {
                missing.Add("node on PATH");
            }

            return missing.Count == 0 ? null : "Missing: " + string.Join("; ", missing) + ". Run `bash scripts/services/chromium.sh up`.";
        }
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Primage.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Primage.sln not found above the test directory.");
    }
}
