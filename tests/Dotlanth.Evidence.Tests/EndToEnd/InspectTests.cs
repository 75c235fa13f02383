using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class InspectTests
{
    private const string Failing = "for i in $(seq 1 30); do echo \"log line $i\" >&2; done; echo 'token=ghp_0123456789abcdefghijABCDEFGHIJ012345'; exit 4";

    [Fact]
    public void Inspect_shows_the_failing_check_with_its_last_lines_the_diff_stat_and_redaction()
    {
        using var repo = TempRepo.Create();
        repo.Write("src/app.txt", "line one\nline two\nline three\n");
        var run = EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "sh", "-c", Failing);

        var json = EvidenceCli.Run(repo.Path, "inspect", "last", "--json");
        var text = EvidenceCli.Run(repo.Path, "inspect", "last");

        Assert.Equal(4, run.ExitCode);
        Assert.Equal(0, json.ExitCode);
        var inspection = JsonNode.Parse(json.Stdout)!.AsObject();
        Assert.Equal("failed", (string)inspection["outcome"]!);
        var check = inspection["checks"]![0]!;
        Assert.Equal("unit", (string)check["name"]!);
        Assert.Equal(4, (int)check["exit_code"]!);
        Assert.Equal(Enumerable.Range(21, 10).Select(i => $"log line {i}"), check["tail"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(1, (int)inspection["diff"]!["files"]!);
        Assert.Equal(2, (int)inspection["diff"]!["insertions"]!);
        Assert.Equal(0, (int)inspection["diff"]!["deletions"]!);
        Assert.True((int)inspection["redaction"]!["github-pat"]! >= 1);
        Assert.Equal(1, (int)inspection["trace"]!["syscalls"]!);
        Assert.Contains(inspection["missing"]!.AsArray(), m => (string)m!["code"]! == "EVD0208");

        Assert.Contains("FAIL unit #1", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("| log line 30", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("| log line 20", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("diff     1 file(s), +2 -0", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("github-pat", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_", json.Stdout + text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Cat_prints_a_bundle_file_byte_for_byte_and_refuses_paths_outside_it()
    {
        using var repo = TempRepo.Create();
        var run = EvidenceCli.Run(repo.Path, "run", "--name", "unit", "--", "sh", "-c", "printf 'a\\nb\\n'");
        var bundle = BundleOnDisk.Of(run, repo.Combine(".evidence"));

        var cat = EvidenceCli.Run(repo.Path, "cat", "last", "stdout/unit_1.txt");
        var manifest = EvidenceCli.Run(repo.Path, "cat", (string)bundle.Manifest["run_id"]!, "bundle.json");
        var escape = EvidenceCli.Run(repo.Path, "cat", "last", "../../index.db");
        var absent = EvidenceCli.Run(repo.Path, "cat", "last", "stdout/nope.txt");

        Assert.Equal("a\nb\n", cat.Stdout);
        Assert.Equal(bundle.Text("bundle.json"), manifest.Stdout);
        Assert.Equal(2, escape.ExitCode);
        Assert.Contains("error EVD0605", escape.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, absent.ExitCode);
        Assert.Contains("stdout/unit_1.txt", absent.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_commands_in_a_folder_without_a_store_create_nothing()
    {
        using var folder = new TempFolder();

        var ls = EvidenceCli.Run(folder.Path, "ls");
        var inspect = EvidenceCli.Run(folder.Path, "inspect", "last");

        Assert.Equal(0, ls.ExitCode);
        Assert.Contains("no runs yet", ls.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, inspect.ExitCode);
        Assert.Contains("error EVD0601: there is no evidence store", inspect.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine(".evidence")));
    }
}
