using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class ReplayTests
{
    [Fact]
    public void A_recorded_agent_replays_identically_without_touching_the_world()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", Programs.EverySyscall);
        var run = EvidenceCli.Run(repo.Path, ["exec", "agent.dasm", "x"], new Dictionary<string, string?> { ["AGENT_MODE"] = "review" });
        Assert.Equal(0, run.ExitCode);
        File.Delete(repo.Combine("out", "note.txt"));

        var replay = EvidenceCli.Run(repo.Path, "replay", "last");

        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("replay identical", replay.Stdout, StringComparison.Ordinal);
        Assert.Contains("12 syscall(s) answered from the recording", replay.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("out", "note.txt")), "replay wrote a file");
        Assert.DoesNotContain("evidence: hello", replay.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_a_run_starts_no_process()
    {
        using var repo = TempRepo.Create();
        var run = EvidenceCli.Run(repo.Path, "run", "--", "sh", "-c", "echo made > marker.txt");
        Assert.Equal(0, run.ExitCode);
        File.Delete(repo.Combine("marker.txt"));

        var replay = EvidenceCli.Run(repo.Path, "replay", (string)BundleOnDisk.Of(run, repo.Combine(".evidence")).Manifest["run_id"]!);

        Assert.Equal(0, replay.ExitCode);
        Assert.False(File.Exists(repo.Combine("marker.txt")), "replay ran the command");
    }

    [Fact]
    public void An_edited_program_diverges_at_the_exact_seq_of_the_first_different_syscall()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", Programs.EverySyscall);
        EvidenceCli.Run(repo.Path, ["exec", "agent.dasm"], new Dictionary<string, string?> { ["AGENT_MODE"] = "review" });
        var bundle = BundleOnDisk.All(repo.Combine(".evidence")).Single();
        var envSeq = (long)bundle.Lines("trace.jsonl").Single(e => (string)e["type"]! == "syscall.attempt" && (string)e["syscall"]!["name"]! == "env.get")["seq"]!;
        repo.Write("edited.dasm", Programs.EverySyscall.Replace("\"AGENT_MODE\"", "\"AGENT_TOKEN\"", StringComparison.Ordinal));

        var text = EvidenceCli.Run(repo.Path, "replay", "last", "--program", "edited.dasm");
        var json = EvidenceCli.Run(repo.Path, "replay", "last", "--program", "edited.dasm", "--json");

        Assert.Equal(3, text.ExitCode);
        Assert.Contains($"error EVD0312: replay of run {bundle.Manifest["run_id"]} diverged at seq {envSeq}: env.get was called with other arguments", text.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"AGENT_MODE\"", text.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"AGENT_TOKEN\"", text.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, json.ExitCode);
        var divergence = JsonNode.Parse(json.Stdout)!["divergence"]!;
        Assert.Equal(envSeq, (long)divergence["seq"]!);
        Assert.Equal("AGENT_MODE", (string)divergence["expected"]!["args"]![0]!);
        Assert.Equal("AGENT_TOKEN", (string)divergence["actual"]!["args"]![0]!);
    }

    [Fact]
    public void A_program_that_stops_early_or_returns_otherwise_diverges()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", Programs.EverySyscall);
        EvidenceCli.Run(repo.Path, ["exec", "agent.dasm"], new Dictionary<string, string?> { ["AGENT_MODE"] = "review" });
        repo.Write("short.dasm", Programs.EverySyscall[..Programs.EverySyscall.IndexOf("    const r12", StringComparison.Ordinal)] + "    ret r8\n");
        repo.Write("other.dasm", Programs.EverySyscall.Replace("ret r8", "ret r3", StringComparison.Ordinal));

        var stopped = EvidenceCli.Run(repo.Path, "replay", "last", "--program", "short.dasm");
        var returned = EvidenceCli.Run(repo.Path, "replay", "last", "--program", "other.dasm");

        Assert.Equal(3, stopped.ExitCode);
        Assert.Contains("artifact.put was recorded, but the program ended without making it", stopped.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, returned.ExitCode);
        Assert.Contains("the program returned 21 in replay but 0 when recorded", returned.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_step_run_replays_step_by_step()
    {
        using var repo = TempRepo.Create();
        var run = OpenRunCli.Begin(repo.Path);
        run.Step("--name", "one", "--", "true");
        run.Step("--name", "two", "--", "sh", "-c", "exit 0");
        Assert.Equal(0, run.End().ExitCode);

        var replay = EvidenceCli.Run(repo.Path, "replay", run.RunId, "--json");

        Assert.Equal(0, replay.ExitCode);
        var result = JsonNode.Parse(replay.Stdout)!;
        Assert.True((bool)result["identical"]!);
        Assert.Equal(2, (int)result["programs"]!);
        Assert.Equal(2, (int)result["syscalls"]!);
    }

    [Fact]
    public void Live_replay_executes_again_into_a_linked_bundle_and_reports_differences()
    {
        using var repo = TempRepo.Create();
        repo.Write("clock.dasm", ".abi 1\n.cap fs.write \"stamp.txt\"\n    syscall r1, time.now\n    const r2, \"stamp.txt\"\n    const r3, \"x\"\n    syscall r4, fs.write, r2, r3\n    halt\n");
        var original = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "exec", "clock.dasm"), repo.Combine(".evidence"));
        File.Delete(repo.Combine("stamp.txt"));
        Thread.Sleep(20);

        var live = EvidenceCli.Run(repo.Path, "replay", "last", "--live", "--json");

        Assert.Equal(0, live.ExitCode);
        Assert.True(File.Exists(repo.Combine("stamp.txt")), "--live did not execute");
        var again = BundleOnDisk.All(repo.Combine(".evidence")).Single(b => b.Manifest["parent_run_id"] is not null);
        Assert.Equal((string)original.Manifest["run_id"]!, (string)again.Manifest["parent_run_id"]!);
        var report = JsonNode.Parse(live.Stdout[live.Stdout.IndexOf('{', StringComparison.Ordinal)..])!;
        Assert.True((bool)report["same"]!);
        Assert.Equal("expected", (string)report["differences"]![0]!["kind"]!);
        Assert.Equal("time.now", (string)report["differences"]![0]!["original"]!["syscall"]!);
        SchemaValidator.AssertValid(again.Path);
    }

    [Fact]
    public void Live_replay_refuses_a_bundle_whose_program_was_edited_after_sealing()
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", ".abi 1\n.cap proc.exec \"true\"\n    const r1, [\"true\"]\n    const r2, []\n    syscall r3, proc.exec, r1, r2\n    ret r3\n");
        var original = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "exec", "agent.dasm"), repo.Combine(".evidence"));
        var snapshotPath = Path.Combine(original.Path, "input_snapshot.json");
        var snapshot = JsonNode.Parse(File.ReadAllText(snapshotPath))!;
        snapshot["program"]!["text"] = ".abi 1\n.cap proc.exec \"touch *\"\n    const r1, [\"touch\", \"pwned\"]\n    const r2, []\n    syscall r3, proc.exec, r1, r2\n    ret r3\n";
        File.SetUnixFileMode(snapshotPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(snapshotPath, snapshot.ToJsonString());

        var live = EvidenceCli.Run(repo.Path, "replay", "last", "--live");

        Assert.Equal(2, live.ExitCode);
        Assert.Contains("error EVD0801: replay --live refused:", live.Stderr, StringComparison.Ordinal);
        Assert.Contains("input_snapshot.json: was changed after sealing", live.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("pwned")));
        Assert.Single(BundleOnDisk.All(repo.Combine(".evidence")));
    }

    [Fact]
    public void A_bundle_that_cannot_be_replayed_says_why()
    {
        using var repo = TempRepo.Create();
        var rejected = EvidenceCli.Run(repo.Path, "run", "--timeout", "soon", "--", "true");
        var recorded = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", "true"), repo.Combine(".evidence"));
        using var copy = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(recorded.Path))
        {
            File.Copy(file, copy.Combine(Path.GetFileName(file)));
            File.SetUnixFileMode(copy.Combine(Path.GetFileName(file)), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var snapshot = JsonNode.Parse(File.ReadAllText(copy.Combine("input_snapshot.json")))!;
        snapshot["program"]!["abi"] = 2;
        File.WriteAllText(copy.Combine("input_snapshot.json"), snapshot.ToJsonString());

        var noProgram = EvidenceCli.Run(repo.Path, "replay", (string)BundleOnDisk.Of(rejected, repo.Combine(".evidence")).Manifest["run_id"]!);
        var newerAbi = EvidenceCli.Run(repo.Path, "replay", copy.Path);

        Assert.Equal(2, noProgram.ExitCode);
        Assert.Contains("error EVD0313", noProgram.Stderr, StringComparison.Ordinal);
        Assert.Contains("no input_snapshot.json", noProgram.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, newerAbi.ExitCode);
        Assert.Contains("it was recorded with syscall ABI 2; this tool replays ABI 1", newerAbi.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_draws_megabytes_keeps_its_trace_bounded_and_replay_says_it_cannot_return_them()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nbudgets: {max_steps: 400}\n");
        repo.Write("agent.dasm", ".abi 1\n    const r1, 1048576\nloop:\n    syscall r2, random.bytes, r1\n    jmp loop\n");

        var run = EvidenceCli.Run(repo.Path, "exec", "agent.dasm");
        var bundle = BundleOnDisk.Of(run, repo.Combine(".evidence"));
        var replay = EvidenceCli.Run(repo.Path, "replay", "last");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error EVD0302", run.Stderr, StringComparison.Ordinal);
        var results = bundle.Lines("trace.jsonl").Where(e => (string?)e["type"] == "syscall.result").ToList();
        Assert.Equal(200, results.Count);
        Assert.All(results, r => Assert.Equal(1048576, (int)r["result"]!["$bounded"]!["bytes"]!));
        // 200 MiB drawn; whole, the trace would hold about 280 MB of base64.
        Assert.InRange(new FileInfo(Path.Combine(bundle.Path, "trace.jsonl")).Length, 1, 2_000_000);
        SchemaValidator.AssertValid(bundle.Path);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", "last", "--require-outcome", "blocked").ExitCode);
        Assert.Equal(2, replay.ExitCode);
        Assert.Contains($"error EVD0313: run {bundle.Manifest["run_id"]} cannot be replayed: seq 2: the recorded result of random.bytes was stored bounded", replay.Stderr, StringComparison.Ordinal);
    }
}
