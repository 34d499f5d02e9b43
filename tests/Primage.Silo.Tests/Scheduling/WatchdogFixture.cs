using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>
/// The Orleans scheduler with a reminder service (in memory) and a one-second watchdog period, on the
/// local backend (fake runner) and, for the task "forgotten", on a <see cref="ForgetfulBackend"/>.
/// </summary>
public sealed class WatchdogFixture : SchedulerClusterFixture
{
    public const string Collection = "scheduler: orleans + watchdog";

    /// <summary>The task name that goes to the forgetful backend.</summary>
    public const string ForgottenTask = "forgotten";

    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public ForgetfulBackend Forgetful { get; private set; } = null!;

    protected override string SchedulerKind => "orleans";

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Primage:Scheduler:WatchdogPeriod"] = Period.ToString();
            settings[$"Primage:Scheduler:TaskBackends:{ForgottenTask}"] = ForgetfulBackend.BackendName;
            return settings;
        }
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.UseInMemoryReminderService();
        silo.Services.AddSingleton<IComputeBackend>(sp => Forgetful = new ForgetfulBackend(sp.GetRequiredService<IStepEventSink>()));
    }
}
