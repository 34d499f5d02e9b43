using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Local;
using Primage.Silo.Scheduling;
using Primage.Silo.Scheduling.Actors;

namespace Primage.Silo.Tests.Scheduling;

/// <summary>AddPrimageScheduling: idempotent, chooses the scheduler by Kind, binds and validates options.</summary>
public sealed class SchedulingRegistrationTests
{
    [Fact]
    public void Calling_twice_registers_everything_once()
    {
        var services = new ServiceCollection();
        var configuration = Configuration([]);

        services.AddPrimageScheduling(configuration);
        services.AddPrimageScheduling(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(IComputeBackend));
        Assert.Single(services, d => d.ServiceType == typeof(ISimulationScheduler));
        Assert.Single(services, d => d.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>));
    }

    [Fact]
    public void Orleans_is_the_default_scheduler()
    {
        var services = new ServiceCollection().AddPrimageScheduling(Configuration([]));

        Assert.Equal(typeof(OrleansSimulationScheduler), services.Single(d => d.ServiceType == typeof(ISimulationScheduler)).ImplementationType);
        Assert.Equal(typeof(OrleansStepEventSink), services.Single(d => d.ServiceType == typeof(IStepEventSink)).ImplementationType);
        Assert.Contains(services, d => d.ServiceType == typeof(RunReattachmentService));
    }

    [Fact]
    public void Kind_akka_selects_the_actor_scheduler_as_scheduler_sink_and_spec_source()
    {
        var services = new ServiceCollection().AddPrimageScheduling(Configuration(new() { ["Primage:Scheduler:Kind"] = "akka" }));

        Assert.Contains(services, d => d.ServiceType == typeof(AkkaSimulationScheduler));
        Assert.Contains(services, d => d.ServiceType == typeof(AkkaSchedulerLifecycle));
        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(OrleansSimulationScheduler));
        Assert.Equal(typeof(GrainStorageRunRecordStore), services.Single(d => d.ServiceType == typeof(IRunRecordStore)).ImplementationType);
    }

    [Fact]
    public void The_local_backend_can_be_switched_off()
    {
        var services = new ServiceCollection().AddPrimageScheduling(Configuration(new() { ["Primage:Backends:Local:Enabled"] = "false" }));

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IComputeBackend));
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        using var provider = new ServiceCollection()
            .AddPrimageScheduling(Configuration(new()
            {
                ["Primage:Scheduler:Backend"] = "slurm:hpc1",
                ["Primage:Scheduler:TaskBackends:echo"] = "local",
                ["Primage:Scheduler:MaxAttempts"] = "5",
                ["Primage:Scheduler:RetryOn:0"] = "Timeout",
                ["Primage:Backends:Local:MaxParallelism"] = "3",
            }))
            .BuildServiceProvider();

        var scheduler = provider.GetRequiredService<IOptions<SimulationSchedulerOptions>>().Value;
        var local = provider.GetRequiredService<IOptions<LocalBackendOptions>>().Value;

        Assert.Equal("slurm:hpc1", scheduler.Backend);
        Assert.Equal("local", scheduler.BackendFor(new StepSpec("s", "echo", [], StepResources.Default)));
        Assert.Equal("slurm:hpc1", scheduler.BackendFor(new StepSpec("s", "forecast", [], StepResources.Default)));
        Assert.Equal(5, scheduler.MaxAttempts);
        Assert.Equal([StepOutcome.Timeout], scheduler.RetryOn);
        Assert.Equal(3, local.MaxParallelism);
    }

    [Fact]
    public void Defaults_are_documented_values()
    {
        var scheduler = new SimulationSchedulerOptions();
        var local = new LocalBackendOptions();

        Assert.Equal(("orleans", "local", 3, 5), (scheduler.Kind, scheduler.Backend, scheduler.MaxAttempts, scheduler.MaxSubmitTries));
        Assert.Equal(TimeSpan.FromMinutes(1), scheduler.WatchdogPeriod);
        Assert.True(scheduler.Retries(StepOutcome.NodeFail) && scheduler.Retries(StepOutcome.Preempted));
        Assert.False(scheduler.Retries(StepOutcome.Timeout));
        Assert.Equal(Environment.ProcessorCount, local.MaxParallelism);
        Assert.True(new SimulationSchedulerOptionsValidator().Validate(null, scheduler).Succeeded);
        Assert.True(new LocalBackendOptionsValidator().Validate(null, local).Succeeded);
    }

    [Fact]
    public void Validators_name_every_bad_setting()
    {
        var scheduler = new SimulationSchedulerOptions
        {
            Kind = "quartz", MaxAttempts = 0, RetryOn = [StepOutcome.InputRejected], WatchdogPeriod = TimeSpan.FromMilliseconds(500),
        };
        var local = new LocalBackendOptions { MaxParallelism = 0, DefaultWalltime = TimeSpan.Zero };

        var schedulerResult = new SimulationSchedulerOptionsValidator().Validate(null, scheduler);
        var localResult = new LocalBackendOptionsValidator().Validate(null, local);

        Assert.Equal(4, schedulerResult.Failures!.Count());
        Assert.Contains(schedulerResult.Failures!, f => f.Contains("WatchdogPeriod", StringComparison.Ordinal));
        Assert.Equal(2, localResult.Failures!.Count());
    }

    [Fact]
    public void A_watchdog_period_under_a_minute_lowers_the_minimum_reminder_period_to_match()
    {
        var services = new ServiceCollection();
        services.AddPrimageScheduling(Configuration(new() { ["Primage:Scheduler:WatchdogPeriod"] = "00:00:05" }));
        var defaults = new ServiceCollection();
        defaults.AddPrimageScheduling(Configuration([]));

        using var provider = services.BuildServiceProvider();
        using var defaultProvider = defaults.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<ReminderOptions>>().Value.MinimumReminderPeriod);
        Assert.Equal(TimeSpan.FromMinutes(1), defaultProvider.GetRequiredService<IOptions<ReminderOptions>>().Value.MinimumReminderPeriod);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values)
        => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
