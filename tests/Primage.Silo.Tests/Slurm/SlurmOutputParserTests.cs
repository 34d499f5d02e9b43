using Primage.Grains.Scheduling;
using Primage.Silo.Backends.Slurm;

namespace Primage.Silo.Tests.Slurm;

/// <summary>
/// Parsing from strings captured on the project's one-node cluster (slurm-wlm 22.05.8, Debian 12),
/// produced by real jobs: sleep/exit jobs for COMPLETED, FAILED (exit 1 and 2), TIMEOUT (1-minute
/// limit), CANCELLED (running and pending), PENDING (--begin), RUNNING; PREEMPTED by a job in a
/// higher-tier partition; NODE_FAIL by setting the node down under a running job (with and without
/// --no-requeue). OUT_OF_MEMORY needs cgroup memory enforcement, which this machine cannot do: its
/// lines are written in the same documented formats (marked "constructed").
/// </summary>
public sealed class SlurmOutputParserTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    // squeue -h -t all -O 'JobID:|,Name:|,State:|,Reason:|,StartTime:|,EndTime:|,exit_code:|'
    private const string Squeue = """
        5|cap.cancel|CANCELLED|None|2026-12-03T18:43:54|2026-12-03T18:44:40|15|
        6|cap.pend|PENDING|BeginTime|2026-12-03T18:53:54|2026-12-03T18:54:54|0|
        7|cap.pendcancel|CANCELLED|BeginTime|2026-12-03T18:44:40|2026-12-03T18:44:40|0|
        1|cap.ok|COMPLETED|None|2026-12-03T18:43:54|2026-12-03T18:43:56|0|
        2|cap.fail|FAILED|NonZeroExitCode|2026-12-03T18:43:54|2026-12-03T18:43:56|256|
        3|cap.rej|FAILED|NonZeroExitCode|2026-12-03T18:43:54|2026-12-03T18:43:56|512|
        12|cap.nodefail2|NODE_FAIL|NodeDown|2026-12-03T18:46:10|2026-12-03T18:46:12|15|
        9|cap.preempted|PREEMPTED|None|2026-12-03T18:45:55|2026-12-03T18:46:04|15|
        4|cap.timeout|TIMEOUT|TimeLimit|2026-12-03T18:43:54|2026-12-03T18:45:08|15|
        8|cap.nodefail|PENDING|None|N/A|N/A|0|
        10|cap.requeue|RUNNING|None|2026-12-03T18:45:55|2026-12-03T18:46:55|0|
        13|cap.nodefail.requeue|PENDING|BeginTime|2026-12-03T18:48:13|2026-12-03T18:49:13|0|
        14|a-very-long-job-name-0123456789abcdef0123456789abcdef.a1|COMPLETED|None|2026-12-03T18:48:32|2026-12-03T18:48:33|0|
        """;

    // sacct -c -n -P -o JobIDRaw,JobName,State,ExitCode,Start,End (the job-completion log)
    private const string Sacct = """
        2|cap.fail|FAILED|1:0|2026-12-03T18:43:54|2026-12-03T18:43:56
        3|cap.rej|FAILED|2:0|2026-12-03T18:43:54|2026-12-03T18:43:56
        1|cap.ok|COMPLETED|0:0|2026-12-03T18:43:54|2026-12-03T18:43:56
        7|cap.pendcancel|CANCELLED|0:0|2026-12-03T18:44:40|2026-12-03T18:44:40
        5|cap.cancel|CANCELLED|0:0|2026-12-03T18:43:54|2026-12-03T18:44:40
        4|cap.timeout|TIMEOUT|0:0|2026-12-03T18:43:54|2026-12-03T18:45:08
        9|cap.preempted|PREEMPTED|0:0|2026-12-03T18:45:55|2026-12-03T18:46:04
        12|cap.nodefail2|NODE_FAIL|0:0|2026-12-03T18:46:10|2026-12-03T18:46:12
        13|cap.nodefail.requeue|NODE_FAIL|0:0|2026-12-03T18:46:10|2026-12-03T18:46:12
        13|cap.nodefail.requeue|CANCELLED|0:0|2026-12-03T18:46:16|2026-12-03T18:46:16
        """;

    // scontrol show job -o <id> (one line per job; trailing space as printed)
    private const string ScontrolRejected = "JobId=3 JobName=cap.rej UserId=primage(1001) GroupId=primage(1001) MCS_label=N/A Priority=4294901757 Nice=0 Account=(null) QOS=(null) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=2:0 RunTime=00:00:02 TimeLimit=00:01:00 TimeMin=N/A SubmitTime=2026-12-03T18:43:54 EligibleTime=2026-12-03T18:43:54 AccrueTime=2026-12-03T18:43:54 StartTime=2026-12-03T18:43:54 EndTime=2026-12-03T18:43:56 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-03T18:43:54 Scheduler=Main Partition=debug AllocNode:Sid=localhost:8266 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=YES Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/home/primage/primage-work/cap StdErr=/home/primage/primage-work/cap/rej.out StdIn=/dev/null StdOut=/home/primage/primage-work/cap/rej.out Power= ";

    private const string ScontrolCancelled = "JobId=5 JobName=cap.cancel UserId=primage(1001) GroupId=primage(1001) MCS_label=N/A Priority=4294901755 Nice=0 Account=(null) QOS=(null) JobState=CANCELLED Reason=None Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:15 RunTime=00:00:46 TimeLimit=00:01:00 TimeMin=N/A SubmitTime=2026-12-03T18:43:54 EligibleTime=2026-12-03T18:43:54 AccrueTime=2026-12-03T18:43:54 StartTime=2026-12-03T18:43:54 EndTime=2026-12-03T18:44:40 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-03T18:43:54 Scheduler=Main Partition=debug AllocNode:Sid=localhost:8266 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=YES Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/home/primage/primage-work/cap StdErr=/home/primage/primage-work/cap/c.out StdIn=/dev/null StdOut=/home/primage/primage-work/cap/c.out Power= ";

    private const string ScontrolRunning = "JobId=4 JobName=cap.timeout UserId=primage(1001) GroupId=primage(1001) MCS_label=N/A Priority=4294901756 Nice=0 Account=(null) QOS=(null) JobState=RUNNING Reason=None Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:47 TimeLimit=00:01:00 TimeMin=N/A SubmitTime=2026-12-03T18:43:54 EligibleTime=2026-12-03T18:43:54 AccrueTime=2026-12-03T18:43:54 StartTime=2026-12-03T18:43:54 EndTime=2026-12-03T18:44:54 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-03T18:43:54 Scheduler=Main Partition=debug AllocNode:Sid=localhost:8266 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=YES Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/home/primage/primage-work/cap StdErr=/home/primage/primage-work/cap/to.out StdIn=/dev/null StdOut=/home/primage/primage-work/cap/to.out Power= ";

    private const string ScontrolPending = "JobId=6 JobName=cap.pend UserId=primage(1001) GroupId=primage(1001) MCS_label=N/A Priority=4294901754 Nice=0 Account=(null) QOS=(null) JobState=PENDING Reason=BeginTime Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:00 TimeLimit=00:01:00 TimeMin=N/A SubmitTime=2026-12-03T18:43:54 EligibleTime=2026-12-03T18:53:54 AccrueTime=2026-12-03T18:53:54 StartTime=2026-12-03T18:53:54 EndTime=2026-12-03T18:54:54 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-03T18:43:54 Scheduler=Main Partition=debug AllocNode:Sid=localhost:8266 ReqNodeList=(null) ExcNodeList=(null) NodeList= NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,mem=21694M,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=YES Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/home/primage/primage-work/cap StdErr=/home/primage/primage-work/cap/p.out StdIn=/dev/null StdOut=/home/primage/primage-work/cap/p.out Power= ";

    private const string ScontrolNodeFail = "JobId=12 JobName=cap.nodefail2 UserId=primage(1001) GroupId=primage(1001) MCS_label=N/A Priority=4294901748 Nice=0 Account=(null) QOS=(null) JobState=NODE_FAIL Reason=NodeDown Dependency=(null) Requeue=0 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:15 RunTime=00:00:02 TimeLimit=00:01:00 TimeMin=N/A SubmitTime=2026-12-03T18:46:10 EligibleTime=2026-12-03T18:46:10 AccrueTime=2026-12-03T18:46:10 StartTime=2026-12-03T18:46:10 EndTime=2026-12-03T18:46:12 Deadline=N/A PreemptEligibleTime=2026-12-03T18:46:10 PreemptTime=None SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-03T18:46:10 Scheduler=Main Partition=debug AllocNode:Sid=localhost:10559 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=YES Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/home/primage/primage-work/cap StdErr=/home/primage/primage-work/cap/nf.out StdIn=/dev/null StdOut=/home/primage/primage-work/cap/nf.out Power= ";

    private const string ScontrolPreempted = "JobId=9 JobName=cap.preempted UserId=primage(1001) GroupId=primage(1001) MCS_label=N/A Priority=4294901751 Nice=0 Account=(null) QOS=(null) JobState=PREEMPTED Reason=None Dependency=(null) Requeue=0 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:15 RunTime=00:00:09 TimeLimit=00:01:00 TimeMin=N/A SubmitTime=2026-12-03T18:45:52 EligibleTime=2026-12-03T18:45:52 AccrueTime=2026-12-03T18:45:52 StartTime=2026-12-03T18:45:55 EndTime=2026-12-03T18:46:04 Deadline=N/A PreemptEligibleTime=2026-12-03T18:45:55 PreemptTime=2026-12-03T18:46:04 SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-03T18:45:55 Scheduler=Main Partition=debug AllocNode:Sid=localhost:10171 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=YES Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/home/primage/primage-work/cap StdErr=/home/primage/primage-work/cap/pr.out StdIn=/dev/null StdOut=/home/primage/primage-work/cap/pr.out Power= ";

    // Constructed in the documented formats (no cgroup memory enforcement on this machine).
    private const string SqueueOutOfMemory = "21|oom.a1|OUT_OF_MEMORY|OutOfMemory|2026-12-03T19:00:00|2026-12-03T19:00:05|0|";
    private const string SacctOutOfMemory = "21|oom.a1|OUT_OF_MEMORY|0:125|2026-12-03T19:00:00|2026-12-03T19:00:05";

    public static TheoryData<string, string, int?, int?, StepOutcome?> SqueueCases => new()
    {
        { "1", "COMPLETED", 0, 0, StepOutcome.Succeeded },
        { "2", "FAILED", 1, 0, StepOutcome.Failed },
        { "3", "FAILED", 2, 0, StepOutcome.InputRejected },
        { "4", "TIMEOUT", 0, 15, StepOutcome.Timeout },
        { "5", "CANCELLED", 0, 15, StepOutcome.Cancelled },
        { "6", "PENDING", 0, 0, null },
        { "7", "CANCELLED", 0, 0, StepOutcome.Cancelled },
        { "8", "PENDING", 0, 0, null },
        { "9", "PREEMPTED", 0, 15, StepOutcome.Preempted },
        { "10", "RUNNING", 0, 0, null },
        { "12", "NODE_FAIL", 0, 15, StepOutcome.NodeFail },
        { "13", "PENDING", 0, 0, null },
    };

    [Theory]
    [MemberData(nameof(SqueueCases))]
    public void Squeue_lines_give_state_exit_code_and_outcome(string jobId, string state, int? exit, int? signal, StepOutcome? outcome)
    {
        var job = SlurmOutputParser.ParseSqueue(Squeue, Utc).Single(j => j.JobId == jobId);

        Assert.Equal(state, job.State);
        Assert.Equal(exit, job.ExitCode);
        Assert.Equal(signal, job.Signal);
        Assert.Equal(outcome, SlurmStateMapper.TerminalOutcome(job));
    }

    [Fact]
    public void Squeue_keeps_long_names_and_times_and_pending_na_times()
    {
        var jobs = SlurmOutputParser.ParseSqueue(Squeue, Utc);

        Assert.Equal(13, jobs.Count);
        Assert.Equal("a-very-long-job-name-0123456789abcdef0123456789abcdef.a1", jobs.Single(j => j.JobId == "14").Name);
        var timeout = jobs.Single(j => j.JobId == "4");
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 43, 54, TimeSpan.Zero), timeout.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 45, 8, TimeSpan.Zero), timeout.End);
        Assert.Equal("TimeLimit", timeout.Reason);
        var pending = jobs.Single(j => j.JobId == "8");
        Assert.Null(pending.Start);
        Assert.Null(pending.End);
        Assert.Null(pending.Reason);
    }

    public static TheoryData<string, string, int, StepOutcome> SacctCases => new()
    {
        { "1", "COMPLETED", 0, StepOutcome.Succeeded },
        { "2", "FAILED", 1, StepOutcome.Failed },
        { "3", "FAILED", 2, StepOutcome.InputRejected },
        { "4", "TIMEOUT", 0, StepOutcome.Timeout },
        { "5", "CANCELLED", 0, StepOutcome.Cancelled },
        { "7", "CANCELLED", 0, StepOutcome.Cancelled },
        { "9", "PREEMPTED", 0, StepOutcome.Preempted },
        { "12", "NODE_FAIL", 0, StepOutcome.NodeFail },
    };

    [Theory]
    [MemberData(nameof(SacctCases))]
    public void Sacct_completion_log_lines_give_state_and_outcome(string jobId, string state, int exit, StepOutcome outcome)
    {
        var job = SlurmOutputParser.ParseSacct(Sacct, Utc).Single(j => j.JobId == jobId);

        Assert.Equal(state, job.State);
        Assert.Equal(exit, job.ExitCode);
        Assert.Equal(outcome, SlurmStateMapper.TerminalOutcome(job));
    }

    [Fact]
    public void Sacct_requeued_job_takes_its_last_line()
    {
        var jobs = SlurmOutputParser.ParseSacct(Sacct, Utc);

        Assert.Equal(9, jobs.Count);
        var requeued = jobs.Single(j => j.JobId == "13");
        Assert.Equal("CANCELLED", requeued.State);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 46, 16, TimeSpan.Zero), requeued.End);
    }

    public static TheoryData<string, string, string, int, int, string?, StepOutcome?> ScontrolCases => new()
    {
        { ScontrolRejected, "3", "FAILED", 2, 0, "NonZeroExitCode", StepOutcome.InputRejected },
        { ScontrolCancelled, "5", "CANCELLED", 0, 15, null, StepOutcome.Cancelled },
        { ScontrolRunning, "4", "RUNNING", 0, 0, null, null },
        { ScontrolPending, "6", "PENDING", 0, 0, "BeginTime", null },
        { ScontrolNodeFail, "12", "NODE_FAIL", 0, 15, "NodeDown", StepOutcome.NodeFail },
        { ScontrolPreempted, "9", "PREEMPTED", 0, 15, null, StepOutcome.Preempted },
    };

    [Theory]
    [MemberData(nameof(ScontrolCases))]
    public void Scontrol_one_line_records_give_state_exit_code_and_reason(string line, string jobId, string state, int exit, int signal, string? reason, StepOutcome? outcome)
    {
        var job = Assert.Single(SlurmOutputParser.ParseScontrol(line, Utc));

        Assert.Equal(jobId, job.JobId);
        Assert.Equal(state, job.State);
        Assert.Equal(exit, job.ExitCode);
        Assert.Equal(signal, job.Signal);
        Assert.Equal(reason, job.Reason);
        Assert.Equal(outcome, SlurmStateMapper.TerminalOutcome(job));
    }

    [Fact]
    public void Scontrol_reads_names_and_times_among_keys_with_colons_and_slashes()
    {
        var job = Assert.Single(SlurmOutputParser.ParseScontrol(ScontrolPreempted, Utc));

        Assert.Equal("cap.preempted", job.Name);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 45, 55, TimeSpan.Zero), job.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 46, 4, TimeSpan.Zero), job.End);
    }

    [Fact]
    public void Out_of_memory_maps_to_its_own_outcome_in_both_formats()
    {
        var fromQueue = Assert.Single(SlurmOutputParser.ParseSqueue(SqueueOutOfMemory, Utc));
        var fromLog = Assert.Single(SlurmOutputParser.ParseSacct(SacctOutOfMemory, Utc));

        Assert.Equal(StepOutcome.OutOfMemory, SlurmStateMapper.TerminalOutcome(fromQueue));
        Assert.Equal(StepOutcome.OutOfMemory, SlurmStateMapper.TerminalOutcome(fromLog));
        Assert.Equal(125, fromLog.Signal);
    }

    [Fact]
    public void Times_are_read_in_the_clusters_time_zone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var job = Assert.Single(SlurmOutputParser.ParseSacct("1|x|COMPLETED|0:0|2026-07-01T12:00:00|2026-07-01T12:00:02", berlin));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), job.Start!.Value.ToUniversalTime());
    }

    [Fact]
    public void Error_and_header_lines_are_not_jobs()
    {
        const string text = "slurm_load_jobs error: Unable to contact slurm controller (connect failure)\nJobIDRaw|JobName|State|ExitCode|Start|End\n";

        Assert.Empty(SlurmOutputParser.ParseSqueue(text, Utc));
        Assert.Empty(SlurmOutputParser.ParseSacct(text, Utc));
        Assert.Empty(SlurmOutputParser.ParseScontrol("slurm_load_jobs error: Invalid job id specified", Utc));
    }
}
