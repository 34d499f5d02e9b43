namespace Primage.Silo.Backends.Local;

/// <summary>Settings of the in-process backend, bound from <see cref="SectionName"/>.</summary>
public sealed class LocalBackendOptions
{
    public const string SectionName = "Primage:Backends:Local";

    /// <summary>Whether the silo registers the local backend. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The backend's name in the registry. Default: "local".</summary>
    public string Name { get; set; } = "local";

    /// <summary>Most steps running at once. Default: Environment.ProcessorCount.</summary>
    public int MaxParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Walltime of a step that does not ask for one; null for none. Default: null.</summary>
    public TimeSpan? DefaultWalltime { get; set; }

    /// <summary>Whether output documents carry timings (then they are not a pure function of the input). Default: true.</summary>
    public bool IncludeTimings { get; set; } = true;

    /// <summary>How long a finished job's result is kept to answer a reattach or a repeated submit. Default: 15 minutes.</summary>
    public TimeSpan FinishedRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tries to deliver one event to the scheduler before giving up (the run's watchdog or restart then reattaches). Default: 5.</summary>
    public int ReportTries { get; set; } = 5;
}
