using Dotlanth.Evidence.Tests.EndToEnd.Http;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary>resume: an interrupted exec run picked up from its trace, with real processes killed for real.</summary>
public sealed class ResumeTests
{
    /// <summary>A command, then a wait for one request (where the test kills the tool), then a second command.</summary>
    private static string TwoCommands(string first = "echo first >> runs.log") => $$"""
        .abi 1
        .cap proc.exec "sh -c *"
        .cap net.http.serve "127.0.0.1:*"
            const r1, ["sh", "-c", "{{first}}"]
            const r2, ["name", "first"]
            syscall r3, proc.exec, r1, r2
            const r4, "127.0.0.1:0"
            syscall r5, net.http.serve, r4
            const r6, 200
            const r7, "go on"
            syscall r8, net.http.respond, r5, r6, r7
            const r1, ["sh", "-c", "echo second >> runs.log"]
            const r2, ["name", "second"]
            syscall r3, proc.exec, r1, r2
            halt
        """;

    /// <summary>Starts the program, lets it reach its first net.http.serve, SIGKILLs the tool and seals the run with recover.</summary>
    private static BundleOnDisk KillWhileServing(TempFolder repo, string program)
    {
        using (var served = ServedProgram.Start(repo.Path, program))
        {
            served.Signal("KILL");
            served.WaitForExit();
        }

        var recover = EvidenceCli.Run(repo.Path, "recover");
        Assert.True(recover.ExitCode == 0, recover.Stderr);
        var killed = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("incomplete", killed.Outcome);
        return killed;
    }

    [Fact]
    public void A_run_killed_between_two_commands_resumes_without_running_the_first_again()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", TwoCommands());
        var killed = KillWhileServing(repo, "agent.dasm");
        Assert.Equal("first\n", File.ReadAllText(repo.Combine("runs.log")));

        using (var resumed = ServedProgram.StartCommand(repo.Path, ["resume", "last"]))
        {
            Assert.Equal(0, Processes.Run("curl", ["-sS", "-f", resumed.At("/").ToString()], repo.Path).ExitCode);
            var exit = resumed.WaitForExit();
            Assert.True(exit.ExitCode == 0, exit.Stderr);
        }

        Assert.Equal("first\nsecond\n", File.ReadAllText(repo.Combine("runs.log")));
        var bundle = BundleOnDisk.All(repo.Combine(".evidence")).Single(b => b.Path != killed.Path);
        Assert.Equal("verified", bundle.Outcome);
        Assert.Equal(killed.Manifest["run_id"]!.ToString(), bundle.Manifest["parent_run_id"]!.ToString());
        var resume = bundle.Manifest["resumed"]!;
        Assert.Equal(1, (int)resume["replayed_syscalls"]!);
        Assert.Equal("net.http.serve", (string)resume["made_again"]!["syscall"]!);
        Assert.Equal("unfinished", (string)resume["made_again"]!["why"]!);
        var firstSeq = (long)killed.Check()["seq"]!;
        Assert.Equal(firstSeq, (long)resume["after_seq"]!);
        // The first check is carried over with its log, the second ran here.
        var checks = bundle.Lines("checks.jsonl");
        Assert.Equal(["first", "second"], checks.Select(c => (string)c["name"]!));
        Assert.Equal(firstSeq, (long)checks[0]["carried_from"]!["seq"]!);
        Assert.Null(checks[1]["carried_from"]);
        Assert.Equal(killed.Text("stdout/first_1.txt"), bundle.Text("stdout/first_1.txt"));
        Assert.Equal("run.resume", (string)bundle.Lines("trace.jsonl")[1]["type"]!);
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", "last").ExitCode);
        Assert.Contains($"resumed  run {killed.Manifest["run_id"]} after seq {firstSeq}", EvidenceCli.Run(repo.Path, "inspect", "last").Stdout, StringComparison.Ordinal);
        // The resumed bundle stands alone: it replays from its own trace.
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "replay", "last").ExitCode);
    }

    [Fact]
    public void A_check_that_failed_before_the_kill_still_fails_the_resumed_run()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", TwoCommands(first: "exit 3"));
        KillWhileServing(repo, "agent.dasm");

        using var resumed = ServedProgram.StartCommand(repo.Path, ["resume", "last"]);
        Processes.Run("curl", ["-sS", resumed.At("/").ToString()], repo.Path);
        var exit = resumed.WaitForExit();

        Assert.Equal(1, exit.ExitCode);
        var bundle = BundleOnDisk.Of(exit, repo.Combine(".evidence"));
        Assert.Equal("failed", bundle.Outcome);
        Assert.Equal("failed", (string)bundle.Check(0)["status"]!);
        Assert.Equal("passed", (string)bundle.Check(1)["status"]!);
    }

    [Fact]
    public void A_run_killed_inside_a_command_is_not_resumed_until_the_user_says_the_command_may_run_again()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", """
            .abi 1
            .cap proc.exec "sh -c *"
                const r1, ["sh", "-c", "if [ -f resumed ]; then echo again >> runs.log; else echo $$ > child.pid; exec sleep 120; fi"]
                const r2, ["name", "long"]
                syscall r3, proc.exec, r1, r2
                ret r3
            """);
        using (var tool = Processes.Start(EvidenceCli.Executable, EvidenceCli.Args(["exec", "agent.dasm"]), repo.Path))
        {
            var child = ProcFs.WaitForPidFile(repo.Combine("child.pid"), TimeSpan.FromSeconds(60));
            tool.Kill();
            tool.WaitForExit();
            ProcFs.KillTree(child);
        }

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "recover").ExitCode);
        var killed = BundleOnDisk.Only(repo.Combine(".evidence"));
        var attempt = (long)killed.Lines("trace.jsonl").Single(e => (string)e["type"]! == "syscall.attempt")["seq"]!;

        var refused = EvidenceCli.Run(repo.Path, "resume", "last");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"error EVD0320: run {killed.Manifest["run_id"]} stopped inside seq {attempt}: proc.exec [[\"sh\",\"-c\",\"if [ -f resumed ]; then echo again >> runs.log;", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("has an attempt but no result", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--reexecute-unfinished", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(BundleOnDisk.All(repo.Combine(".evidence")));

        repo.Write("resumed", string.Empty);
        var again = EvidenceCli.Run(repo.Path, "resume", "last", "--reexecute-unfinished");

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal("again\n", File.ReadAllText(repo.Combine("runs.log")));
        var bundle = BundleOnDisk.Of(again, repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        Assert.Equal(attempt, (long)bundle.Manifest["resumed"]!["made_again"]!["seq"]!);
        Assert.Equal(0, (int)bundle.Manifest["resumed"]!["replayed_syscalls"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public async Task A_server_stopped_with_ctrl_c_resumes_serving_and_its_answers_so_far_are_not_repeated()
    {
        using var repo = TempRepo.Create();
        repo.Write("routes.dasm", HttpServeTests.Example("routes.dasm"));
        using (var served = ServedProgram.Start(repo.Path, "routes.dasm"))
        {
            using var first = new HttpClient();
            Assert.Equal("user 7", await first.GetStringAsync(served.At("/users/7")));
            served.Signal("INT");
            Assert.Equal(130, served.WaitForExit().ExitCode);
        }

        using var resumed = ServedProgram.StartCommand(repo.Path, ["resume", "last"]);
        using var client = new HttpClient();
        Assert.Equal("user 8", await client.GetStringAsync(resumed.At("/users/8")));
        await client.GetStringAsync(resumed.At("/stop"));
        var exit = resumed.WaitForExit();

        Assert.True(exit.ExitCode == 0, exit.Stderr);
        var bundle = BundleOnDisk.Of(exit, repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        Assert.Equal("cancelled", (string)bundle.Manifest["resumed"]!["made_again"]!["why"]!);
        var paths = HttpServeTests.Syscalls(bundle, "syscall.result", "net.http.serve").Select(r => (string)r["result"]![5]!);
        Assert.Equal(["/users/7", "/users/8", "/stop"], paths);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_run_that_finished_or_was_blocked_by_a_denial_is_not_resumed()
    {
        using var repo = TempRepo.Create();
        repo.Write("done.dasm", ".abi 1\n    halt\n");
        repo.Write("denied.dasm", ".abi 1\n    const r0, [\"touch\", \"x\"]\n    syscall r1, proc.exec, r0, r0\n    halt\n");
        EvidenceCli.Run(repo.Path, "exec", "done.dasm");
        var done = EvidenceCli.Run(repo.Path, "resume", "last");
        EvidenceCli.Run(repo.Path, "exec", "denied.dasm");
        var denied = EvidenceCli.Run(repo.Path, "resume", "last");
        EvidenceCli.Run(repo.Path, "run", "--", "true");
        var command = EvidenceCli.Run(repo.Path, "resume", "last");

        Assert.Equal(2, done.ExitCode);
        Assert.Contains("error EVD0319: resume refused: run", done.Stderr, StringComparison.Ordinal);
        Assert.Contains("ended verified; resume takes an exec run that ended incomplete, cancelled, or blocked by a budget", done.Stderr, StringComparison.Ordinal);
        Assert.Contains("ended blocked;", denied.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not an exec run", command.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, BundleOnDisk.All(repo.Combine(".evidence")).Count);
    }

    [Fact]
    public void A_run_out_of_steps_resumes_only_with_a_larger_budget_and_goes_on_from_its_last_call()
    {
        using var repo = TempRepo.Create();
        repo.Write("loop.dasm", """
            .abi 1
            .cap proc.exec "sh -c *"
                const r1, ["sh", "-c", "echo ran >> runs.log"]
                const r2, ["name", "once"]
                syscall r3, proc.exec, r1, r2
                const r4, []
                const r5, [1]
                const r6, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
            spin:
                eq r7, r4, r6                 ; ten rounds: the list grows by one item each
                jnz r7, done
                concat r4, r4, r5
                jmp spin
            done:
                ret r3
            """);
        repo.Write("evidence.yml", "budgets: {max_steps: 8}\n");
        var blocked = EvidenceCli.Run(repo.Path, "exec", "loop.dasm");
        Assert.Equal("blocked", BundleOnDisk.Of(blocked, repo.Combine(".evidence")).Outcome);

        var same = EvidenceCli.Run(repo.Path, "resume", "last");
        var larger = EvidenceCli.Run(repo.Path, "resume", "last", "--max-steps", "1000");

        Assert.Equal(2, same.ExitCode);
        Assert.Contains("used its whole step budget of 8", same.Stderr, StringComparison.Ordinal);
        Assert.Contains("give --max-steps above 8", same.Stderr, StringComparison.Ordinal);
        Assert.True(larger.ExitCode == 0, larger.Stderr);
        Assert.Equal("ran\n", File.ReadAllText(repo.Combine("runs.log")));
        var bundle = BundleOnDisk.Of(larger, repo.Combine(".evidence"));
        Assert.Equal(1, (int)bundle.Manifest["resumed"]!["replayed_syscalls"]!);
        Assert.Equal("once", (string)bundle.Check()["name"]!);
    }

    [Fact]
    public void A_program_that_no_longer_makes_the_recorded_calls_diverges_as_in_replay()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", TwoCommands());
        var killed = KillWhileServing(repo, "agent.dasm");
        repo.Write("edited.dasm", TwoCommands(first: "echo edited >> runs.log"));

        var diverged = EvidenceCli.Run(repo.Path, "resume", "last", "--program", "edited.dasm");

        Assert.Equal(3, diverged.ExitCode);
        Assert.Contains($"error EVD0312: resume diverged from run {killed.Manifest["run_id"]} at seq {killed.Check()["seq"]}: proc.exec was called with other arguments", diverged.Stderr, StringComparison.Ordinal);
        Assert.Equal("first\n", File.ReadAllText(repo.Combine("runs.log")));
        var bundle = BundleOnDisk.Of(diverged, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        SchemaValidator.AssertValid(bundle.Path);
    }
}
