using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Primage.Grains.Scheduling;

namespace Primage.Silo.Scheduling.Actors;

/// <summary>
/// The Akka.NET alternative to the Orleans scheduler (Primage:Scheduler:Kind = "akka"). A dispatcher
/// actor owns one <see cref="RunActor"/> per step id; each applies the shared <see cref="RunStateMachine"/>,
/// persists through <see cref="IRunRecordStore"/> (by default the silo's "runs" grain storage) and drives
/// the same <see cref="IComputeBackend"/> instances. It is also the backends' event sink and spec source in
/// that mode. Callers (grains, the web layer) see only <see cref="ISimulationScheduler"/>; no actor
/// reference leaves this class. The actor system starts on first use or when the silo becomes active.
/// </summary>
public sealed partial class AkkaSimulationScheduler : ISimulationScheduler, IStepEventSink, IStepSpecSource, IAsyncDisposable
{
    private const string HoconConfig = """
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
        }
        """;

    private readonly IServiceProvider _services;
    private readonly IRunRecordStore _store;
    private readonly IGrainFactory _grains;
    private readonly SimulationSchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AkkaSimulationScheduler> _logger;
    private readonly Lock _startLock = new();
    private ActorSystem? _system;
    private IActorRef? _dispatcher;

    public AkkaSimulationScheduler(
        IServiceProvider services,
        IRunRecordStore store,
        IGrainFactory grains,
        IOptions<SimulationSchedulerOptions> options,
        TimeProvider time,
        ILogger<AkkaSimulationScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _store = store;
        _grains = grains;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<RunStatus> SubmitAsync(StepSpec step, IRunOwnerGrain? owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentException.ThrowIfNullOrWhiteSpace(step.StepId);
        var backend = _services.GetRequiredService<IComputeBackendRegistry>().Select(step);
        return await Dispatcher.Ask<RunStatus>(
            new SubmitRun(step, backend, owner?.GetGrainId().ToString()), _options.AskTimeout, cancellationToken);
    }

    public async Task<RunStatus?> GetStatusAsync(string stepId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        var reply = await Dispatcher.Ask<RunReply>(new GetRun(stepId), _options.AskTimeout, cancellationToken);
        return reply.Status;
    }

    public async Task<RunStatus?> CancelAsync(string stepId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        var reply = await Dispatcher.Ask<RunReply>(new CancelRun(stepId), _options.AskTimeout, cancellationToken);
        return reply.Status;
    }

    /// <summary>Sink: answered once the run actor has persisted the event.</summary>
    public Task OnStepRunningAsync(string stepId, string backendJobId, DateTimeOffset startedAt)
        => Dispatcher.Ask<EventAck>(new StepRunning(stepId, backendJobId, startedAt), _options.AskTimeout);

    /// <summary>Sink: answered once the run actor has persisted the event.</summary>
    public Task OnStepFinishedAsync(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Dispatcher.Ask<EventAck>(new StepFinished(result), _options.AskTimeout);
    }

    public async Task<StepSpec?> GetSpecAsync(string stepId, CancellationToken cancellationToken)
    {
        var reply = await Dispatcher.Ask<SpecReply>(new GetSpec(stepId), _options.AskTimeout, cancellationToken);
        return reply.Spec;
    }

    /// <summary>Wakes every run in the store's active set (after a restart); returns how many.</summary>
    public async Task<int> ResumeAllAsync(CancellationToken cancellationToken)
    {
        var active = await _store.GetActiveAsync(cancellationToken);
        foreach (var stepId in active)
        {
            Dispatcher.Tell(new ResumeRun(stepId));
        }

        LogResumed(_logger, active.Count);
        return active.Count;
    }

    /// <summary>Stops the actor system; runs in flight are resumed from the store at the next start.</summary>
    public async Task StopAsync()
    {
        ActorSystem? system;
        lock (_startLock)
        {
            system = _system;
        }

        if (system is not null)
        {
            await system.Terminate();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private IActorRef Dispatcher
    {
        get
        {
            lock (_startLock)
            {
                if (_dispatcher is null)
                {
                    // Resolved here, not in the constructor: the backends depend on this sink.
                    var context = new RunActorContext(
                        _store,
                        _services.GetRequiredService<IComputeBackendRegistry>(),
                        _options,
                        _grains,
                        _time,
                        _logger);
                    _system = ActorSystem.Create("primage-scheduler", ConfigurationFactory.ParseString(HoconConfig));
                    _dispatcher = _system.ActorOf(Props.Create(() => new RunDispatcherActor(context)), "runs");
                }

                return _dispatcher;
            }
        }
    }

    [LoggerMessage(401, LogLevel.Information, "Akka scheduler resumed {Count} runs from the store")]
    private static partial void LogResumed(ILogger logger, int count);
}
