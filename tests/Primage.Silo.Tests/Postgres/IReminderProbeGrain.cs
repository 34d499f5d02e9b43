namespace Primage.Silo.Tests.Postgres;

/// <summary>A test grain that registers one reminder and records where it fires.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers the reminder (first tick after <paramref name="dueTime"/>); returns the silo it runs on.</summary>
    Task<string> ArmAsync(TimeSpan dueTime);
}
