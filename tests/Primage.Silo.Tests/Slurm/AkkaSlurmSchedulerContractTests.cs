using Primage.Silo.Tests.Scheduling;

namespace Primage.Silo.Tests.Slurm;

/// <summary>The scheduler contract on the real SLURM cluster, through the Akka.NET scheduler.</summary>
[Collection(AkkaSlurmSchedulerFixture.Collection)]
public sealed class AkkaSlurmSchedulerContractTests(AkkaSlurmSchedulerFixture fixture)
    : SchedulerContractTests<AkkaSlurmSchedulerFixture>(fixture)
{
    /// <summary>SLURM's smallest walltime is a minute and a job takes seconds to schedule.</summary>
    protected override TimeSpan Patience => TimeSpan.FromMinutes(3);
}
