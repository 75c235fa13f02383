using System.Text;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary>Places other than output where a secret could reach disk: names that become file names, a check's env, argv.</summary>
public sealed class SecretSinkTests
{
    private const string Token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    [Fact]
    public void A_check_name_holding_a_secret_never_names_a_file_and_the_bundle_still_verifies()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", $"version: 1\nchecks:\n  - name: {Token}\n    run: [sh, -c, \"echo checked\"]\n");

        var result = EvidenceCli.Run(repo.Path, "run");

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        AssertNowhere(bundle.Path, Token[..12]);
        var stdout = Directory.GetFiles(Path.Combine(bundle.Path, "stdout")).Select(Path.GetFileName).Single()!;
        Assert.Matches("^redacted-[0-9a-f]{8}_1\\.txt$", stdout);
        Assert.Equal("checked\n", bundle.Text("stdout/" + stdout));
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", bundle.Path).ExitCode);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_program_named_like_a_token_gets_a_redacted_default_check_name()
    {
        using var repo = TempRepo.Create();
        repo.Write(Token, "#!/bin/sh\necho from-tool\n");
        File.SetUnixFileMode(repo.Combine(Token), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = EvidenceCli.Run(repo.Path, "run", "--", "./" + Token);

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        AssertNowhere(bundle.Path, Token[..12]);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", bundle.Path).ExitCode);
    }

    [Fact]
    public void A_checks_env_is_masked_in_the_input_snapshot_and_the_trace()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\nchecks:\n  - name: unit\n    run: [sh, -c, \"echo ok\"]\n    env:\n      DB_PASSWORD: pl41nS3cretValue\n      LOG_LEVEL: debug\n");

        var result = EvidenceCli.Run(repo.Path, "run");

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        AssertNowhere(bundle.Path, "pl41nS3cretValue");
        Assert.Contains("[REDACTED:", bundle.Text("input_snapshot.json"), StringComparison.Ordinal);
        Assert.Contains("debug", bundle.Text("input_snapshot.json"), StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_short_password_flag_is_masked_in_the_recorded_command_line()
    {
        using var repo = TempRepo.Create();

        var result = EvidenceCli.Run(repo.Path, "run", "--name", "db", "--", "sh", "-c", "true", "mysql", "-uroot", "-pS3cr3tPw9x", "-p", "Zx9kQ27vLm3Wq");

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        AssertNowhere(bundle.Path, "S3cr3tPw9x");
        AssertNowhere(bundle.Path, "Zx9kQ27vLm3Wq");
        Assert.Contains("-uroot", bundle.Text("checks.jsonl"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_secret_a_child_splits_between_stdout_and_stderr_is_masked_in_both_files()
    {
        using var repo = TempRepo.Create();
        const string secret = "split-secret-0123456789abcdef";
        var env = new Dictionary<string, string?> { ["DEPLOY_TOKEN"] = secret, ["HEAD_PART"] = secret[..12], ["TAIL_PART"] = secret[12..] };

        var result = EvidenceCli.Run(
            repo.Path,
            ["run", "--name", "split", "--", "sh", "-c", "printf 'token %s' \"$HEAD_PART\"; sleep 0.3; printf '%s\\n' \"$TAIL_PART\" >&2; printf '\\n'"],
            env);

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.StartsWith("token [REDACTED:env-value:", bundle.Text("stdout/split_1.txt"), StringComparison.Ordinal);
        Assert.StartsWith("[REDACTED:env-value:", bundle.Text("stderr/split_1.txt"), StringComparison.Ordinal);
        AssertNowhere(bundle.Path, secret[..12]);
        AssertNowhere(bundle.Path, secret[12..]);
    }

    [Fact]
    public void An_error_line_echoing_a_selector_is_one_redacted_line()
    {
        using var repo = TempRepo.Create();
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "run", "--", "true").ExitCode);

        var result = EvidenceCli.Run(repo.Path, "inspect", Token + "\nforged: line");

        Assert.NotEqual(0, result.ExitCode);
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.Contains("error EVD", lines[0], StringComparison.Ordinal);
        Assert.Contains("[REDACTED:github-pat:", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(Token[..12], result.Stderr, StringComparison.Ordinal);
    }

    private static void AssertNowhere(string folder, string secret)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(secret, file, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, Encoding.UTF8.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
        }
    }
}
