using System.Globalization;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class RecoveryTests
{
    private const string Printer = "for i in $(seq 1 40); do echo \"line $i\"; echo \"err $i\" >&2; sleep 0.02; done";

    [Fact]
    public void Killing_the_tool_at_random_moments_never_leaves_a_half_sealed_bundle_and_recover_seals_the_rest()
    {
        using var repo = TempRepo.Create();
        var random = new Random(20261121);
        var store = repo.Combine(".evidence");
        for (var i = 0; i < 9; i++)
        {
            var before = Began(store);
            using var tool = Processes.Start(EvidenceCli.Executable, EvidenceCli.Args(["run", "--name", "printer", "--", "sh", "-c", Printer]), repo.Path);
            // Random moments from the instant the run began recording to past the check's end, so the spread does
            // not depend on how fast the machine starts a process; the last kill comes at once, before it began.
            if (i < 8)
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (Began(store) == before && !tool.HasExited && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(5);
                }

                Thread.Sleep(random.Next(0, 1200));
            }

            // The tool dies as in a crash; its children (which a crash would orphan) are cleaned up after it.
            var children = ProcFs.Children(tool.Id).ToList();
            Processes.Run("kill", ["-KILL", tool.Id.ToString(CultureInfo.InvariantCulture)], repo.Path);
            tool.WaitForExit();
            children.ForEach(ProcFs.KillTree);
        }

        // Whatever moment the kill hit, a sealed bundle is whole.
        foreach (var sealedBundle in BundleOnDisk.All(store))
        {
            sealedBundle.AssertIntegrity();
        }

        var sealedBefore = BundleOnDisk.All(store).Count;
        var staged = Began(store) - sealedBefore;
        Assert.True(Began(store) >= 8, $"only {Began(store)} of the 8 runs killed after they began are there");
        var recover = EvidenceCli.Run(repo.Path, "recover");

        Assert.True(recover.ExitCode == 0, $"recover exited {recover.ExitCode}: {recover.Stderr}");
        Assert.Empty(Directory.GetDirectories(Path.Combine(store, "runs", ".staging")));
        var all = BundleOnDisk.All(store);
        Assert.Equal(sealedBefore + staged, all.Count);
        Assert.Equal(staged, recover.Stdout.Split('\n').Count(l => l.StartsWith("recovered ", StringComparison.Ordinal)));
        foreach (var bundle in all)
        {
            bundle.AssertIntegrity();
            SchemaValidator.AssertValid(bundle.Path);
            if (bundle.Outcome == "incomplete")
            {
                Assert.Contains(bundle.Json("errors.json")["errors"]!.AsArray(), e => (string)e!["code"]! == "EVD0701");
                Assert.Null(bundle.Manifest["exit_code"]);
            }
        }

        var listed = IndexTests.Lines(EvidenceCli.Run(repo.Path, "ls", "--json", "--limit", "100").Stdout);
        Assert.Equal(all.Select(b => (string)b.Manifest["run_id"]!).Order(StringComparer.Ordinal), listed.Select(r => (string)r["run_id"]!).Order(StringComparer.Ordinal));
    }

    /// <summary>Runs that began recording: sealed bundles and staging folders named by a run id (not one still being created).</summary>
    private static int Began(string store)
    {
        var staging = Path.Combine(store, "runs", ".staging");
        return BundleOnDisk.All(store).Count + (Directory.Exists(staging) ? Directory.GetDirectories(staging).Count(d => !Path.GetFileName(d).StartsWith('.')) : 0);
    }

    [Fact]
    public void A_run_killed_while_printing_keeps_its_output_so_far_and_the_next_run_recovers_it()
    {
        using var repo = TempRepo.Create();
        var pidFile = repo.Combine("printer.pid");
        using (var tool = Processes.Start(
            EvidenceCli.Executable,
            EvidenceCli.Args(["run", "--name", "printer", "--", "sh", "-c", $"echo $$ > '{pidFile}'; echo first; echo oops >&2; sleep 300"]),
            repo.Path))
        {
            var child = ProcFs.WaitForPidFile(pidFile, TimeSpan.FromSeconds(30));
            Thread.Sleep(1500);
            Processes.Run("kill", ["-KILL", tool.Id.ToString(CultureInfo.InvariantCulture)], repo.Path);
            tool.WaitForExit();
            // The check's shell forks its sleep: the whole orphaned tree goes, or the sleep outlives the suite.
            ProcFs.KillTree(child);
        }

        var next = EvidenceCli.Run(repo.Path, "run", "--", "true");

        Assert.Equal(0, next.ExitCode);
        Assert.Contains("recovered run", next.Stderr, StringComparison.Ordinal);
        var recovered = BundleOnDisk.All(repo.Combine(".evidence")).Single(b => b.Outcome == "incomplete");
        Assert.Equal("first\n", recovered.Text("stdout/printer_1.txt"));
        Assert.Equal("oops\n", recovered.Text("stderr/printer_1.txt"));
        Assert.Contains(("checks.jsonl#printer_1", "EVD0701"), recovered.Missing);
        Assert.NotNull(recovered.Manifest["repo"]);
        Assert.NotNull(recovered.Manifest["program"]);
        SchemaValidator.AssertValid(recovered.Path);
    }

    [Fact]
    public void A_seal_cut_short_after_the_manifest_is_completed_with_its_real_outcome()
    {
        using var repo = TempRepo.Create();
        var done = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", "sh", "-c", "exit 3"), repo.Combine(".evidence"));
        var staging = repo.Combine(".evidence", "runs", ".staging", Path.GetFileName(done.Path));
        Directory.Move(done.Path, staging);
        File.WriteAllText(Path.Combine(staging, ".owner"), "999999 1\n");

        var recover = EvidenceCli.Run(repo.Path, "recover");

        Assert.Equal(0, recover.ExitCode);
        var completed = BundleOnDisk.All(repo.Combine(".evidence")).Single();
        Assert.Equal("failed", completed.Outcome);
        Assert.False(File.Exists(Path.Combine(completed.Path, ".owner")));
        completed.AssertIntegrity();
    }

    [Fact]
    public void What_a_kill_leaves_mid_seal_or_mid_creation_never_trips_recover()
    {
        using var repo = TempRepo.Create();
        var done = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", "sh", "-c", "echo out; exit 3"), repo.Combine(".evidence"));
        var staging = repo.Combine(".evidence", "runs", ".staging");
        var killed = Path.Combine(staging, Path.GetFileName(done.Path));
        Directory.Move(done.Path, killed);
        foreach (var file in Directory.GetFiles(killed, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Killed while sealing: errors.json cut off mid-write, the manifest not yet written, the scan's scratch file left.
        File.Delete(Path.Combine(killed, "bundle.json"));
        File.WriteAllText(Path.Combine(killed, "errors.json"), "{\"schema_version\": 1, \"errors\": [{\"co");
        File.WriteAllText(Path.Combine(killed, ".owner"), "999999 1\n");
        File.WriteAllText(Path.Combine(killed, ".rescan"), "half a copy of trace.jsonl");
        // Killed while creating a staging folder (before or after its marker), and a creation under way in a live process.
        var abandoned = Directory.CreateDirectory(Path.Combine(staging, ".creating-999999-1-0123456789abcdef")).FullName;
        var abandonedWithMarker = Directory.CreateDirectory(Path.Combine(staging, ".creating-999998-1-0123456789abcdef")).FullName;
        File.WriteAllText(Path.Combine(abandonedWithMarker, ".owner"), "999998 1\n");
        var self = File.ReadAllText("/proc/self/stat");
        var start = self[(self.LastIndexOf(')') + 2)..].Split(' ')[19];
        var live = Directory.CreateDirectory(Path.Combine(staging, $".creating-{Environment.ProcessId}-{start}-fedcba9876543210")).FullName;

        var recover = EvidenceCli.Run(repo.Path, "recover");

        Assert.True(recover.ExitCode == 0, recover.Stderr);
        var recovered = BundleOnDisk.All(repo.Combine(".evidence")).Single();
        Assert.Equal("incomplete", recovered.Outcome);
        Assert.False(File.Exists(Path.Combine(recovered.Path, ".rescan")));
        Assert.Contains(("errors.json#earlier", "EVD0701"), recovered.Missing);
        Assert.Contains(recovered.Json("errors.json")["errors"]!.AsArray(), e => (string)e!["code"]! == "EVD0701");
        recovered.AssertIntegrity();
        SchemaValidator.AssertValid(recovered.Path);
        Assert.False(Directory.Exists(abandoned));
        Assert.False(Directory.Exists(abandonedWithMarker));
        Assert.True(Directory.Exists(live));
    }

    [Fact]
    public void Recover_leaves_running_and_open_runs_alone()
    {
        using var repo = TempRepo.Create();
        var open = OpenRunCli.Begin(repo.Path);
        var pidFile = repo.Combine("sleeper.pid");
        using var live = Processes.Start(EvidenceCli.Executable, EvidenceCli.Args(["run", "--", "sh", "-c", $"echo $$ > '{pidFile}'; sleep 5"]), repo.Path);
        ProcFs.WaitForPidFile(pidFile, TimeSpan.FromSeconds(30));

        var recover = EvidenceCli.Run(repo.Path, "recover");

        Assert.Equal(0, recover.ExitCode);
        Assert.DoesNotContain("recovered", recover.Stdout, StringComparison.Ordinal);
        Assert.Contains($"run {open.RunId} is open", recover.Stderr, StringComparison.Ordinal);
        Assert.True(live.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, live.ExitCode);
        Assert.True(Directory.Exists(open.StagingPath(repo.Combine(".evidence"))));
        Assert.Equal(2, open.End().ExitCode); // still open, so end seals it (no steps: blocked)
        Assert.Equal(["blocked", "verified"], BundleOnDisk.All(repo.Combine(".evidence")).Select(b => b.Outcome).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_run_killed_before_its_first_event_is_recovered_with_the_trace_listed_as_missing()
    {
        using var repo = TempRepo.Create();
        var done = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", "true"), repo.Combine(".evidence"));
        var staging = repo.Combine(".evidence", "runs", ".staging", "2026-01-01T00-00-00Z_0000aa");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, ".owner"), "999999 1\n");
        File.WriteAllText(Path.Combine(staging, "trace.jsonl"), "");
        File.WriteAllText(Path.Combine(staging, "checks.jsonl"), "");

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "recover").ExitCode);

        var recovered = BundleOnDisk.All(repo.Combine(".evidence")).Single(b => b.Path != done.Path);
        Assert.Equal("incomplete", recovered.Outcome);
        Assert.Contains(("trace.jsonl", "EVD0701"), recovered.Missing);
        SchemaValidator.AssertValid(recovered.Path);
    }

    [Fact]
    public void A_run_killed_before_its_facts_were_kept_is_recovered_consistently()
    {
        using var repo = TempRepo.Create();
        repo.Write("src/app.txt", "changed\n");
        var sealedRun = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, ["run", "--", "true"], new Dictionary<string, string?> { ["CI"] = "true" }), repo.Combine(".evidence"));
        var staging = repo.Combine(".evidence", "runs", ".staging", Path.GetFileName(sealedRun.Path));
        Directory.Move(sealedRun.Path, staging);
        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // As if killed after the git snapshot and env.json, before .facts.json and everything after it.
        foreach (var later in new[] { "bundle.json", "errors.json", "input_snapshot.json", "capability_report.json", "checks.jsonl", "stdout", "stderr" })
        {
            var path = Path.Combine(staging, later);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }

        File.WriteAllLines(Path.Combine(staging, "trace.jsonl"), File.ReadLines(Path.Combine(staging, "trace.jsonl")).Take(1));
        File.WriteAllText(Path.Combine(staging, ".owner"), "999999 1\n");

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "recover").ExitCode);

        var recovered = BundleOnDisk.All(repo.Combine(".evidence")).Single();
        Assert.Equal("incomplete", recovered.Outcome);
        Assert.Contains(("changed_files.json", "EVD0701"), recovered.Missing);
        Assert.Equal("generic", (string)recovered.Manifest["ci"]!["provider"]!);
        SchemaValidator.AssertValid(recovered.Path);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", recovered.Path, "--require-outcome", "any").ExitCode);
    }
}
