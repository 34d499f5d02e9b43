using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Slurm;

namespace Primage.Silo.Tests.Slurm;

public sealed class SlurmStateMapperTests
{
    private static SlurmJobStatus Job(string state, int exit = 0, int signal = 0)
        => new("1", "s.a1", SlurmStateMapper.Normalise(state), exit, signal, null, null, null);

    [Theory]
    [InlineData("PENDING", "Waiting")]
    [InlineData("REQUEUED", "Waiting")]
    [InlineData("SUSPENDED", "Waiting")]
    [InlineData("CONFIGURING", "Waiting")]
    [InlineData("RUNNING", "Running")]
    [InlineData("COMPLETING", "Running")]
    [InlineData("COMPLETED", "Terminal")]
    [InlineData("CANCELLED by 1001", "Terminal")]
    [InlineData("TIMEOUT", "Terminal")]
    [InlineData("OUT_OF_MEMORY", "Terminal")]
    [InlineData("NODE_FAIL", "Terminal")]
    [InlineData("PREEMPTED", "Terminal")]
    [InlineData("SOMETHING_NEW", "Unrecognised")]
    [InlineData("", "Unrecognised")]
    public void States_are_classified_by_name(string state, string kind)
        => Assert.Equal(kind, SlurmStateMapper.Classify(state).ToString());

    [Theory]
    [InlineData("COMPLETED", 0, 0, StepOutcome.Succeeded)]
    [InlineData("FAILED", 2, 0, StepOutcome.InputRejected)]
    [InlineData("FAILED", 2, 9, StepOutcome.Failed)]
    [InlineData("FAILED", 1, 0, StepOutcome.Failed)]
    [InlineData("FAILED", 143, 0, StepOutcome.Failed)]
    [InlineData("TIMEOUT", 0, 15, StepOutcome.Timeout)]
    [InlineData("OUT_OF_MEMORY", 0, 125, StepOutcome.OutOfMemory)]
    [InlineData("NODE_FAIL", 0, 0, StepOutcome.NodeFail)]
    [InlineData("BOOT_FAIL", 0, 0, StepOutcome.NodeFail)]
    [InlineData("CANCELLED by 1001", 0, 15, StepOutcome.Cancelled)]
    [InlineData("PREEMPTED", 0, 15, StepOutcome.Preempted)]
    [InlineData("DEADLINE", 0, 0, StepOutcome.Failed)]
    public void Terminal_states_map_exactly(string state, int exit, int signal, StepOutcome outcome)
        => Assert.Equal(outcome, SlurmStateMapper.TerminalOutcome(Job(state, exit, signal)));

    [Theory]
    [InlineData("PENDING")]
    [InlineData("RUNNING")]
    [InlineData("COMPLETING")]
    [InlineData("REQUEUED")]
    [InlineData("SOMETHING_NEW")]
    public void Live_and_unknown_states_have_no_outcome(string state)
        => Assert.Null(SlurmStateMapper.TerminalOutcome(Job(state)));

    [Theory]
    [InlineData(StepOutcome.NodeFail, true)]
    [InlineData(StepOutcome.Preempted, true)]
    [InlineData(StepOutcome.InputRejected, false)]
    [InlineData(StepOutcome.Failed, false)]
    [InlineData(StepOutcome.Timeout, false)]
    [InlineData(StepOutcome.OutOfMemory, false)]
    [InlineData(StepOutcome.Cancelled, false)]
    [InlineData(StepOutcome.Succeeded, false)]
    public void Only_node_failures_and_preemption_are_retryable(StepOutcome outcome, bool retryable)
        => Assert.Equal(retryable, new SimulationSchedulerOptions().Retries(outcome));
}
