using Orleans.Placement;

namespace Primage.Silo.Tests.Postgres;

/// <summary>
/// A test-only grain with a durable reminder. It activates on the silo that calls it first
/// (prefer-local placement), so a test decides where the reminder is registered; each tick is
/// recorded with the address of the silo it ran on.
/// </summary>
[PreferLocalPlacement]
public sealed class ReminderProbeGrain(ILocalSiloDetails silo) : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public async Task<string> ArmAsync(TimeSpan dueTime)
    {
        // Orleans' smallest allowed period is one minute; only the first tick matters here.
        await this.RegisterOrUpdateReminder(ReminderName, dueTime, TimeSpan.FromMinutes(1));
        return silo.SiloAddress.ToString();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderProbeLog.Record(this.GetPrimaryKeyString(), silo.SiloAddress.ToString());
        return Task.CompletedTask;
    }
}
