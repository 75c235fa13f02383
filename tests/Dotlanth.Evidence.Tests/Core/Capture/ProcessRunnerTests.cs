using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Capture;

public sealed class ProcessRunnerTests
{
    [Fact]
    public void An_interrupt_raised_before_the_start_never_starts_the_program()
    {
        using var folder = new TempFolder();
        using var interrupt = new Interrupt();
        interrupt.Raise(2);

        var result = ProcessRunner.Run(
            new CommandSpec(["touch", "created"]) { WorkingDirectory = folder.Path },
            new TextCapture(),
            new TextCapture(),
            interrupt);

        Assert.False(result.Started);
        Assert.Equal(2, result.CancelledBy);
        Assert.Equal(130, result.ExitCode);
        Assert.False(File.Exists(folder.Combine("created")));
    }

    [Fact]
    public void Working_directory_environment_and_closed_stdin_reach_the_child()
    {
        using var folder = new TempFolder();
        var stdout = new TextCapture();
        var spec = new CommandSpec(["sh", "-c", "pwd; echo \"$EXTRA\"; echo \"${HOME:-unset}\"; cat"])
        {
            WorkingDirectory = folder.Path,
            InheritStdin = false,
        }.WithEnvironment("EXTRA", "from-spec").WithEnvironment("HOME", null);

        var result = ProcessRunner.Run(spec, stdout, new TextCapture());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{folder.Path}\nfrom-spec\nunset\n", stdout.Text);
    }

    [Fact]
    public void The_child_gets_default_sigpipe_like_under_a_shell()
    {
        var stdout = new TextCapture();
        // Default SIGPIPE kills yes (status 141); with SIGPIPE ignored, as the runtime has it, yes would exit 1 on EPIPE.
        var result = ProcessRunner.Run(new CommandSpec(["bash", "-c", "yes | head -n 1 >/dev/null; echo ${PIPESTATUS[0]}"]), stdout, new TextCapture());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("141\n", stdout.Text);
    }

    [Fact]
    public void Stdout_and_stderr_are_drained_concurrently_so_a_full_stderr_pipe_cannot_deadlock()
    {
        var stdout = new TextCapture();
        var stderr = new TextCapture();
        var result = ProcessRunner.Run(
            new CommandSpec(["sh", "-c", "head -c 3000000 /dev/zero >&2; echo out"]) { Timeout = TimeSpan.FromSeconds(60) },
            stdout,
            stderr);

        Assert.False(result.TimedOut);
        Assert.Equal("out\n", stdout.Text);
        Assert.Equal(3_000_000, stderr.Bytes.Length);
    }
}
