using Primage.Silo.Tests.Scheduling;

namespace Primage.Silo.Tests.Slurm;

/// <summary>The scheduler contract on the real SLURM cluster, through the Orleans scheduler and run grains.</summary>
[Collection(SlurmSchedulerFixture.Collection)]
public sealed class SlurmSchedulerContractTests(SlurmSchedulerFixture fixture)
    : SchedulerContractTests<SlurmSchedulerFixture>(fixture)
{
    /// <summary>SLURM's smallest walltime is a minute and a job takes seconds to schedule.</summary>
    protected override TimeSpan Patience => TimeSpan.FromMinutes(3);
}
