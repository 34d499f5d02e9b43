using Akka.Actor;

namespace Primage.Silo.Scheduling.Actors;

/// <summary>
/// The Akka.NET scheduler's root: one child <see cref="RunActor"/> per step id, created on the first
/// message about that step (the child loads its record from the store itself). Children stay for the
/// life of the actor system; a run's record, not the actor, is what lasts.
/// </summary>
internal sealed class RunDispatcherActor : ReceiveActor
{
    private readonly Dictionary<string, IActorRef> _runs = new(StringComparer.Ordinal);
    private long _created;

    public RunDispatcherActor(RunActorContext context)
    {
        Receive<IRunMessage>(message =>
        {
            if (!_runs.TryGetValue(message.StepId, out var run))
            {
                // Step ids may hold characters actor names forbid, so children get sequence names.
                run = Context.ActorOf(Props.Create(() => new RunActor(message.StepId, context)), $"run-{++_created}");
                _runs[message.StepId] = run;
            }

            run.Forward(message);
        });
    }

    /// <summary>A failing run actor restarts and reloads its record; it never takes its siblings down.</summary>
    protected override SupervisorStrategy SupervisorStrategy()
        => new OneForOneStrategy(_ => Directive.Restart);
}
