using Microsoft.Extensions.Logging;

namespace Primage.Silo.Scheduling.Actors;

/// <summary>
/// Starts the Akka.NET scheduler when the silo becomes active (waking every stored run that needs
/// attention, in the background) and stops its actor system when the silo stops.
/// </summary>
public sealed partial class AkkaSchedulerLifecycle(AkkaSimulationScheduler scheduler, ILogger<AkkaSchedulerLifecycle> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Completes when the start-up resume pass finished (tests await it).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Participate(ISiloLifecycle observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        observer.Subscribe(nameof(AkkaSchedulerLifecycle), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);
    }

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        Completion = Task.Run(async () =>
        {
            try
            {
                await scheduler.ResumeAllAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogResumeFailed(logger, ex);
            }
        });
        return Task.CompletedTask;
    }

    private Task OnStopAsync(CancellationToken cancellationToken) => scheduler.StopAsync();

    [LoggerMessage(402, LogLevel.Error, "Resuming runs of the Akka scheduler failed")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
