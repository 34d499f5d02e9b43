using Primage.Silo.Backends.Slurm;

namespace Primage.Silo.Tests.Slurm;

public sealed class SlurmScriptsTests
{
    [Theory]
    [InlineData(0.5, "0-00:01:00")]
    [InlineData(1, "0-00:01:00")]
    [InlineData(61, "0-01:01:00")]
    [InlineData(1440, "1-00:00:00")]
    [InlineData(2 * 1440 + 90.5, "2-01:31:00")]
    public void Walltime_is_rounded_up_to_whole_minutes(double minutes, string expected)
        => Assert.Equal(expected, SlurmScripts.Walltime(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Quote_survives_single_quotes()
        => Assert.Equal("'it'\"'\"'s'", SlurmScripts.Quote("it's"));

    [Theory]
    [InlineData("run-42", 1, "run-42.a1")]
    [InlineData("twin.7_forecast", 3, "twin.7_forecast.a3")]
    public void Safe_step_ids_are_job_names_as_they_are(string stepId, int attempt, string expected)
        => Assert.Equal(expected, SlurmJobNames.For(stepId, attempt));

    [Fact]
    public void Unsafe_step_ids_get_distinct_shell_safe_names()
    {
        var a = SlurmJobNames.For("twin/1 step|x", 1);
        var b = SlurmJobNames.For("twin/1 step?x", 1);

        Assert.NotEqual(a, b);
        Assert.Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$", a);
        Assert.StartsWith("twin_1_step_x-", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_output_gives_new_existing_and_failed_jobs()
    {
        const string output = "@@job s1.a1|101|submitted\n@@job s2.a1|77|existing\n@@job s3.a1||failed sbatch: error: Batch job submission failed: Invalid partition name specified\n";

        var results = SlurmScripts.ParseSubmitOutput(output, 0);

        Assert.Equal(3, results.Count);
        Assert.Equal(new SlurmSubmitResult("s1.a1", "101", false, null), results[0]);
        Assert.Equal(new SlurmSubmitResult("s2.a1", "77", true, null), results[1]);
        Assert.Null(results[2].JobId);
        Assert.Contains("Invalid partition", results[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_output_with_an_error_marker_throws_so_that_nothing_is_assumed()
    {
        var e = Assert.Throws<SlurmCommandException>(() => SlurmScripts.ParseSubmitOutput(
            "@@error squeue: slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n", 3));

        Assert.Contains("Unable to contact slurm controller", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Poll_output_separates_queue_and_completion_log()
    {
        const string output = "10|a.a1|RUNNING|None|2026-12-03T18:45:55|2026-12-03T18:46:55|0|\n"
            + "11|b.a1|FAILED|NonZeroExitCode|2026-12-03T18:45:55|2026-12-03T18:45:57|512|\n"
            + "@@squeue 0\n"
            + "3|c.a1|TIMEOUT|0:0|2026-12-03T18:43:54|2026-12-03T18:45:08\n"
            + "@@sacct 0\n";

        var poll = SlurmScripts.ParsePollOutput(output, TimeZoneInfo.Utc);

        Assert.True(poll.QueueSucceeded);
        Assert.Equal(["10", "11"], poll.Queue.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, poll.Queue["11"].ExitCode);
        Assert.Equal("TIMEOUT", Assert.Single(poll.Accounting).Value.State);
    }

    [Fact]
    public void Poll_output_with_a_failed_squeue_knows_no_queue()
    {
        const string output = "slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n@@squeue 1\n"
            + "3|c.a1|COMPLETED|0:0|2026-12-03T18:43:54|2026-12-03T18:45:08\n@@sacct 0\n";

        var poll = SlurmScripts.ParsePollOutput(output, TimeZoneInfo.Utc);

        Assert.False(poll.QueueSucceeded);
        Assert.Empty(poll.Queue);
        Assert.Contains("Unable to contact", poll.QueueError, StringComparison.Ordinal);
        Assert.Equal("COMPLETED", poll.Accounting["3"].State);
    }

    [Fact]
    public void Poll_command_asks_once_for_all_jobs_and_removes_delivered_directories()
    {
        var options = new SlurmClusterOptions { WorkDirectory = "/home/u/work" };

        var command = SlurmScripts.PollCommand(["1", "2", "3"], ["s1.a1"], options);

        Assert.Equal(1, CountOf(command, "squeue -h"));
        Assert.Equal(1, CountOf(command, "sacct -c"));
        Assert.Contains("want=1,2,3", command, StringComparison.Ordinal);
        Assert.Contains("rm -rf -- '/home/u/work/s1.a1'", command, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
        => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
