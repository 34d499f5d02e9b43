namespace Primage.Api.Security;

/// <summary>What a route does to a twin; <see cref="TwinAccess.Allows"/> maps roles onto these.</summary>
public enum TwinPermission
{
    /// <summary>The profile and timeline, including free text such as an observation's source.</summary>
    Read,

    /// <summary>Creating the twin, adding observations and therapies.</summary>
    Write,

    /// <summary>Predictions and their event stream (pseudonymised: no free text).</summary>
    Predictions,

    /// <summary>Scenarios (what-if forecasts) and cohorts.</summary>
    Scenarios,

    /// <summary>FHIR ingestion.</summary>
    Ingest,

    /// <summary>Re-running a stored prediction step.</summary>
    Replay,
}
