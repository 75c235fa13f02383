using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class ExitCodeTests
{
    [Theory]
    [InlineData("ret r1", "0", 0, "verified")]
    [InlineData("ret r1", "7", 7, "failed")]
    [InlineData("ret r1", "255", 255, "failed")]
    [InlineData("ret r1", "-1", 1, "failed")]
    [InlineData("ret r1", "256", 1, "failed")]
    [InlineData("ret r1", "true", 0, "verified")]
    [InlineData("ret r1", "false", 1, "failed")]
    [InlineData("ret r1", "\"x\"", 0, "verified")]
    [InlineData("ret r1", "[1, 2]", 0, "verified")]
    [InlineData("halt", "1", 0, "verified")]
    public void A_returned_value_maps_to_one_exit_code_and_outcome(string end, string value, int exitCode, string outcome)
    {
        using var repo = TempRepo.Create();
        repo.Write("agent.dasm", $".abi 1\n    const r1, {value}\n    {end}\n");

        var result = EvidenceCli.Run(repo.Path, "exec", "agent.dasm");

        Assert.Equal(exitCode, result.ExitCode);
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        Assert.Equal(outcome, bundle.Outcome);
        Assert.Equal(exitCode, (int)bundle.Manifest["exit_code"]!);
    }

    [Theory]
    [InlineData(0, "verified", "passed")]
    [InlineData(1, "failed", "failed")]
    [InlineData(42, "failed", "failed")]
    public void Child_exit_code_passes_through(int code, string outcome, string status)
    {
        using var repo = TempRepo.Create();
        var result = EvidenceCli.Run(repo.Path, "run", "--", "sh", "-c", $"echo out; echo err >&2; exit {code}");

        Assert.Equal(code, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Contains("err\n", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal(outcome, bundle.Outcome);
        Assert.Equal(code, (int)bundle.Manifest["exit_code"]!);
        var check = bundle.Check();
        Assert.Equal(status, (string)check["status"]!);
        Assert.Equal(code, (int)check["exit_code"]!);
        Assert.Equal("out\n", bundle.Text("stdout/echo_1.txt"));
        Assert.Equal("err\n", bundle.Text("stderr/echo_1.txt"));
        Assert.Matches($"^dotnet-evidence: {outcome} run \\S+ bundle \\S+", result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Child_killed_by_a_signal_exits_128_plus_the_signal()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--", "sh", "-c", "kill -KILL $$");

        Assert.Equal(137, result.ExitCode);
        var check = BundleOnDisk.Only(folder.Combine(".evidence")).Check();
        Assert.Equal(9, (int)check["signal"]!);
        Assert.Equal(137, (int)check["exit_code"]!);
        Assert.Equal("failed", (string)check["status"]!);
    }

    [Fact]
    public void Exit_status_above_128_is_not_mistaken_for_a_signal()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--", "sh", "-c", "exit 137");

        Assert.Equal(137, result.ExitCode);
        Assert.Null(BundleOnDisk.Only(folder.Combine(".evidence")).Check()["signal"]);
    }

    [Fact]
    public void Program_not_found_exits_127_with_a_blocked_bundle_and_one_error_line()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--", "no-such-program-for-evidence");

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("error EVD0101: program 'no-such-program-for-evidence' was not found", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Equal("blocked", (string)bundle.Check()["status"]!);
        Assert.Contains("EVD0101", bundle.Text("errors.json"), StringComparison.Ordinal);
        Assert.Equal("check no-such-program-for-evidence attempt 1", (string)bundle.Check()["error"]!["where"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Argv_reaches_the_child_exactly_without_shell_splitting_or_response_files()
    {
        using var folder = new TempFolder();
        string[] tricky = ["a b", "$HOME", "*", "@notes.txt", "--name", "\"quoted\"", "semi;colon", ""];
        var result = EvidenceCli.Run(folder.Path, ["run", "--", "printf", "[%s]\n", .. tricky]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(tricky.Select(a => $"[{a}]\n")), result.Stdout);
        var argv = BundleOnDisk.Only(folder.Combine(".evidence")).Check()["argv"]!.AsArray().Select(a => (string)a!).ToArray();
        Assert.Equal(["printf", "[%s]\n", .. tricky], argv);
    }

    [Fact]
    public void Stdin_is_inherited_by_the_child()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, ["run", "--", "cat"], stdin: "from stdin\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("from stdin\n", result.Stdout);
    }

    [Fact]
    public void Bad_option_value_is_one_error_line_exit_2_and_still_a_blocked_bundle()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--timeout", "soon", "--", "true");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0002: --timeout: 'soon' is not a duration", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Empty(bundle.Lines("checks.jsonl"));
        Assert.Contains(bundle.Missing, m => m.Path == "input_snapshot.json");
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void No_command_and_no_configuration_is_one_clear_error_with_a_blocked_bundle()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0006: no evidence.yml in", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("dotnet evidence init", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Help_explains_the_command_with_examples()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dotnet evidence run -- pytest -q", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--timeout", result.Stdout, StringComparison.Ordinal);
    }
}
