using System.Diagnostics;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class StopTests
{
    [Fact]
    public void Timeout_stops_the_whole_tree_including_a_sleeping_grandchild()
    {
        using var folder = new TempFolder();
        var pidFile = folder.Combine("grandchild.pid");
        var clock = Stopwatch.StartNew();
        var result = EvidenceCli.Run(
            folder.Path,
            "run", "--timeout", "1s", "--kill-grace", "1s", "--",
            "sh", "-c", $"sleep 300 & echo $! > '{pidFile}'; trap '' TERM; sleep 300; wait");

        Assert.Equal(124, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(ProcFs.IsAlive(grandchild), $"grandchild {grandchild} survived");
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.Equal("failed", bundle.Outcome);
        var check = bundle.Check();
        Assert.Equal("timed_out", (string)check["status"]!);
        Assert.True((bool)check["timed_out"]!);
        Assert.Equal(124, (int)check["exit_code"]!);
        Assert.Contains("EVD0103", result.Stderr, StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Theory]
    [InlineData("INT", 2, 130)]
    [InlineData("TERM", 15, 143)]
    public async Task A_signal_to_the_tool_stops_the_child_and_seals_a_cancelled_bundle(string name, int signal, int expectedExit)
    {
        using var folder = new TempFolder();
        var pidFile = folder.Combine("child.pid");
        using var tool = Processes.Start(
            EvidenceCli.Executable,
            EvidenceCli.Args(["run", "--kill-grace", "2s", "--", "sh", "-c", $"echo $$ > '{pidFile}'; exec sleep 300"]),
            folder.Path);
        var stderr = tool.StandardError.ReadToEndAsync();
        var child = ProcFs.WaitForPidFile(pidFile, TimeSpan.FromSeconds(30));

        Processes.Run("kill", [$"-{name}", tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], folder.Path);
        Assert.True(tool.WaitForExit(TimeSpan.FromSeconds(30)), "the tool did not exit after the signal");

        Assert.Equal(expectedExit, tool.ExitCode);
        Assert.False(ProcFs.IsAlive(child), "the child survived");
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.Equal("cancelled", bundle.Outcome);
        var check = bundle.Check();
        Assert.Equal("cancelled", (string)check["status"]!);
        Assert.Equal(signal, (int)check["signal"]!);
        Assert.Contains("cancelled run", await stderr, StringComparison.Ordinal);
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_second_interrupt_skips_the_grace_period()
    {
        using var folder = new TempFolder();
        var pidFile = folder.Combine("child.pid");
        using var tool = Processes.Start(
            EvidenceCli.Executable,
            EvidenceCli.Args(["run", "--kill-grace", "120s", "--", "sh", "-c", $"trap '' INT TERM; echo $$ > '{pidFile}'; sleep 300"]),
            folder.Path);
        var child = ProcFs.WaitForPidFile(pidFile, TimeSpan.FromSeconds(30));
        var pid = tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var clock = Stopwatch.StartNew();
        Processes.Run("kill", ["-INT", pid], folder.Path);
        Assert.False(tool.WaitForExit(TimeSpan.FromSeconds(2)), "the tool should wait for the tree after one interrupt");
        Processes.Run("kill", ["-INT", pid], folder.Path);
        Assert.True(tool.WaitForExit(TimeSpan.FromSeconds(30)), "the tool did not exit after the second interrupt");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(130, tool.ExitCode);
        Assert.False(ProcFs.IsAlive(child), "the child survived");
        Assert.Equal("cancelled", BundleOnDisk.Only(folder.Combine(".evidence")).Outcome);
    }

    [Fact]
    public void A_child_that_exits_while_a_background_process_holds_its_output_does_not_hang_the_run()
    {
        using var folder = new TempFolder();
        var pidFile = folder.Combine("bg.pid");
        var clock = Stopwatch.StartNew();
        var result = EvidenceCli.Run(folder.Path, "run", "--", "sh", "-c", $"sleep 30 & echo $! > '{pidFile}'; echo done");

        Assert.Equal(0, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var check = BundleOnDisk.Only(folder.Combine(".evidence")).Check();
        Assert.True((bool)check["output_abandoned"]!);
        Processes.Run("kill", ["-KILL", File.ReadAllText(pidFile).Trim()], folder.Path);
    }
}
