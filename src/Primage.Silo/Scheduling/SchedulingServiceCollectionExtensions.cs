using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Local;
using Primage.Silo.Scheduling.Actors;

namespace Primage.Silo.Scheduling;

/// <summary>
/// Registers the scheduler (Orleans or Akka.NET, by Primage:Scheduler:Kind), its options, the backend
/// registry and the local backend. Other backends register themselves as <see cref="IComputeBackend"/>
/// singletons (built with the <see cref="IStepEventSink"/> from the container). The silo must also
/// register a grain storage provider named "runs" (<see cref="SchedulingStorage.Name"/>). Safe to call
/// twice: the second call does nothing.
/// </summary>
public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddPrimageScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(SchedulingMarker)))
        {
            return services;
        }

        services.AddSingleton<SchedulingMarker>();
        services.AddOptions<SimulationSchedulerOptions>()
            .Bind(configuration.GetSection(SimulationSchedulerOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulationSchedulerOptions>, SimulationSchedulerOptionsValidator>();

        // Orleans refuses reminder periods under ReminderOptions.MinimumReminderPeriod (default 1 minute):
        // a shorter watchdog period (tests) lowers it to match.
        services.AddOptions<ReminderOptions>()
            .Configure<IOptions<SimulationSchedulerOptions>>((reminders, scheduler) =>
            {
                if (scheduler.Value.WatchdogPeriod < reminders.MinimumReminderPeriod)
                {
                    reminders.MinimumReminderPeriod = scheduler.Value.WatchdogPeriod;
                }
            });
        services.AddOptions<LocalBackendOptions>()
            .Bind(configuration.GetSection(LocalBackendOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalBackendOptions>, LocalBackendOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IComputeBackendRegistry, ComputeBackendRegistry>();

        if (configuration.GetValue($"{LocalBackendOptions.SectionName}:{nameof(LocalBackendOptions.Enabled)}", true))
        {
            services.TryAddSingleton(LocalBackend.KernelRunner);
            services.TryAddSingleton<LocalBackend>();
            services.AddSingleton<IComputeBackend>(sp => sp.GetRequiredService<LocalBackend>());
        }

        var kind = configuration[$"{SimulationSchedulerOptions.SectionName}:{nameof(SimulationSchedulerOptions.Kind)}"];
        if (SchedulerKinds.IsAkka(kind))
        {
            services.TryAddSingleton<IRunRecordStore, GrainStorageRunRecordStore>();
            services.TryAddSingleton<AkkaSimulationScheduler>();
            services.TryAddSingleton<ISimulationScheduler>(sp => sp.GetRequiredService<AkkaSimulationScheduler>());
            services.TryAddSingleton<IStepEventSink>(sp => sp.GetRequiredService<AkkaSimulationScheduler>());
            services.TryAddSingleton<IStepSpecSource>(sp => sp.GetRequiredService<AkkaSimulationScheduler>());
            services.AddSingleton<AkkaSchedulerLifecycle>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<AkkaSchedulerLifecycle>());
        }
        else
        {
            services.TryAddSingleton<ISimulationScheduler, OrleansSimulationScheduler>();
            services.TryAddSingleton<IStepEventSink, OrleansStepEventSink>();
            services.TryAddSingleton<IStepSpecSource, RunGrainStepSpecSource>();
            services.AddSingleton<RunReattachmentService>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RunReattachmentService>());
        }

        return services;
    }

    /// <summary>Marks the container as configured, so a second call is a no-op.</summary>
    private sealed class SchedulingMarker;
}
