using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class ExecTests
{
    [Fact]
    public void Every_syscall_runs_under_its_capability_and_is_recorded_with_its_class()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", Programs.EverySyscall);

        var result = EvidenceCli.Run(repo.Path, ["exec", "agent.dasm", "first", "second"], new Dictionary<string, string?> { ["AGENT_MODE"] = "review" });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("evidence: hello from the agent", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("evidence: [first, second]", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("hello from the agent\n", File.ReadAllText(repo.Combine("out", "note.txt")));
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        var all = bundle.Lines("trace.jsonl").Where(e => (string)e["type"]! == "syscall.result").ToList();
        Assert.Equal(12, all.Count);
        var results = all.GroupBy(e => (string)e["syscall"]!["name"]!).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(11, results.Count);
        Assert.Equal(["note.txt"], results["fs.list"]["result"]!.AsArray().Select(n => (string)n!));
        Assert.Contains("+hello from the agent", (string)results["git.diff"]["result"]!, StringComparison.Ordinal);
        Assert.Contains("b/out/note.txt", (string)results["git.diff"]["result"]!, StringComparison.Ordinal);
        Assert.Equal("side_effect", (string)results["fs.write"]["syscall"]!["class"]!);
        Assert.Equal("nondeterministic", (string)results["time.now"]["syscall"]!["class"]!);
        Assert.Equal("hello from the agent\n", (string)results["fs.read"]["result"]!);
        Assert.Equal("review", (string)results["env.get"]["result"]!);
        Assert.Equal("commit", (string)results["git.snapshot"]["result"]![0]!);
        Assert.Equal(0, (int)results["proc.exec"]["result"]!);
        Assert.Equal("check", (string)bundle.Check()["name"]!);
        var artifact = bundle.Json("artifacts.json")["artifacts"]![0]!;
        Assert.Equal("note", (string)artifact["name"]!);
        Assert.Equal((long)results["artifact.put"]["attempt_seq"]!, (long)artifact["producer"]!["program_seq"]!);
        Assert.Equal("hello from the agent\n", bundle.Text("artifacts/note/out/note.txt"));
        var report = bundle.Json("capability_report.json");
        Assert.All(report["declared"]!.AsArray(), c => Assert.Equal(1, (int)c!["uses"]!));
        Assert.Equal(2, (int)report["unguarded"]!["log.emit"]!);
        Assert.Equal(["first", "second"], bundle.Json("input_snapshot.json")["arguments"]!.AsArray().Select(a => (string)a!));
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_syscall_no_capability_allows_is_denied_recorded_and_blocks_the_run()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", """
            .abi 1
            .cap proc.exec "echo *"
                const r1, ["echo", "allowed"]
                const r2, []
                syscall r3, proc.exec, r1, r2
                const r4, ["touch", "pwned"]
                syscall r5, proc.exec, r4, r2
                ret r5
            """);

        var result = EvidenceCli.Run(repo.Path, "exec", "agent.dasm");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0310: proc.exec \"touch pwned\" is not allowed by the program's capabilities; add '.cap proc.exec \"touch pwned\"'", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("pwned")));
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        var denied = bundle.Lines("trace.jsonl").Single(e => (string)e["type"]! == "capability.denied");
        var report = bundle.Json("capability_report.json");
        var entry = report["denied"]!.AsArray().Single()!;
        Assert.Equal((long)denied["seq"]!, (long)entry["seq"]!);
        Assert.Equal("touch pwned", (string)entry["subject"]!);
        Assert.Equal(1, (int)report["declared"]![0]!["uses"]!);
        Assert.Single(bundle.Lines("checks.jsonl"));
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_denial_the_program_goes_on_past_with_try_still_blocks_the_run()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", """
            .abi 1
            .cap proc.exec "echo *"
                const r4, ["touch", "pwned"]
                const r2, ["required", true]
                try r5, r6, proc.exec, r4, r2
                const r1, ["echo", "went on"]
                syscall r3, proc.exec, r1, r2
                halt
            """);

        var result = EvidenceCli.Run(repo.Path, "exec", "agent.dasm");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("went on", result.Stdout, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Equal("halted", (string)bundle.Manifest["program"]!["status"]!);
        Assert.Single(bundle.Json("capability_report.json")["denied"]!.AsArray());
        Assert.False(File.Exists(repo.Combine("pwned")));
    }

    [Fact]
    public void Capabilities_in_evidence_yml_grant_what_the_program_does_not_declare()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\ncapabilities:\n  fs.write: [\"build/*.txt\"]\n");
        repo.Write("agent.dasm", ".abi 1\n    const r1, \"build/out.txt\"\n    const r2, \"x\"\n    syscall r3, fs.write, r1, r2\n    ret r3\n");

        var result = EvidenceCli.Run(repo.Path, "exec", "agent.dasm");

        Assert.Equal(1, result.ExitCode); // the program returns the byte count
        Assert.True(File.Exists(repo.Combine("build", "out.txt")));
        var declared = BundleOnDisk.Of(result, repo.Combine(".evidence")).Json("capability_report.json")["declared"]![0]!;
        Assert.Equal("config", (string)declared["source"]!);
        Assert.Equal(1, (int)declared["uses"]!);
    }

    [Fact]
    public void Paths_outside_the_repository_are_refused_even_through_a_symlink()
    {
        using var outside = new TempFolder();
        using var repo = TempRepo.Create();
        File.CreateSymbolicLink(repo.Combine("escape"), outside.Path);
        repo.Write("agent.dasm", """
            .abi 1
            .cap fs.write "**"
                const r1, "escape/planted.txt"
                const r2, "x"
                syscall r3, fs.write, r1, r2
                ret r3
            """);

        var result = EvidenceCli.Run(repo.Path, "exec", "agent.dasm");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0310: fs.write 'escape/planted.txt' is outside the repository", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outside.Combine("planted.txt")));
    }

    [Fact]
    public void A_program_that_does_not_assemble_runs_nothing_and_seals_a_blocked_bundle_with_the_position()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", ".abi 1\n.cap proc.exec \"touch *\"\n    const r1, [\"touch\", \"ran\"]\n    syscall r2, proc.exec, r1\n");

        var result = EvidenceCli.Run(repo.Path, "exec", "agent.dasm");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0301: agent.dasm(4,17): proc.exec takes 2 argument register(s), found 1", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("ran")));
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Equal("agent.dasm:4:17", (string)bundle.Json("errors.json")["errors"]![0]!["where"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void The_step_budget_stops_an_endless_program_as_blocked()
    {
        using var repo = TempRepo.Create();
        repo.Write("spin.dasm", ".abi 1\nloop:\n    jmp loop\n");

        var result = EvidenceCli.Run(repo.Path, "exec", "spin.dasm", "--max-steps", "5000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0302: the program used its whole step budget of 5000", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        Assert.Equal("budget_exceeded", (string)bundle.Manifest["program"]!["status"]!);
        Assert.Equal(5000, (long)bundle.Manifest["program"]!["steps"]!);
    }
}
