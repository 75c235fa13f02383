using System.Text;
using Dotlanth.Evidence.Tests.Core.Redaction;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class RedactionEndToEndTests
{
    private const string EnvSecret = "env-Secret-Value-424242";
    private const string ArgvSecret = "argv-Secret-Value-737373";
    private const string FileSecret = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    private const string StdoutToken = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    private const string StderrToken = "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";

    [Fact]
    public void No_byte_of_any_secret_reaches_the_sealed_bundle()
    {
        using var repo = TempRepo.Create();
        repo.Write("config/app.env", $"STRIPE_KEY={FileSecret}\n");
        repo.Write("notes.txt", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n");
        var env = new Dictionary<string, string?> { ["SERVICE_TOKEN"] = EnvSecret };
        var script = $"echo \"token {StdoutToken}\"; echo \"slack {StderrToken}\" >&2; echo \"env $SERVICE_TOKEN\"; "
            + $"echo \"b64 $(printf '%s' \"user:$SERVICE_TOKEN\" | base64)\"; echo \"url https://bot:{ArgvSecret}@example.com\"";

        var result = EvidenceCli.Run(repo.Path, ["run", "--name", "leaky", "--", "sh", "-c", script, "sh", "--password", ArgvSecret], env);

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        var secrets = new[] { EnvSecret, ArgvSecret, FileSecret, StdoutToken, StderrToken, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" };
        foreach (var file in Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{secret} found in {Path.GetFileName(file)}");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret[..12])) < 0, $"part of {secret} found in {Path.GetFileName(file)}");
            }
        }

        var hits = bundle.Manifest["redaction"]!["hits"]!.AsObject();
        Assert.True(hits.ContainsKey("github-pat") && hits.ContainsKey("slack-token") && hits.ContainsKey("stripe-secret-key"), hits.ToJsonString());
        Assert.Contains("--password", bundle.Check()["argv"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("EVD0401", bundle.Text("errors.json"), StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void User_rules_apply_to_runs_and_a_bad_pattern_blocks_with_a_bundle_that_says_why()
    {
        using var folder = new TempFolder();
        var ok = EvidenceCli.Run(folder.Path, "run", "--redact-pattern", "ACME-[0-9]{12}", "--", "echo", "order ACME-123456789012");
        Assert.Equal(0, ok.ExitCode);
        Assert.Matches(@"^order \[REDACTED:custom-1:[0-9a-f]{8}\]\n$", BundleOnDisk.Of(ok, folder.Combine(".evidence")).Text("stdout/echo_1.txt"));

        var bad = EvidenceCli.Run(folder.Path, "run", "--redact-pattern", "(unclosed", "--", "true");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("error EVD0002: --redact-pattern: '(unclosed' is not a valid regular expression", bad.Stderr, StringComparison.Ordinal);
        var blocked = BundleOnDisk.Of(bad, folder.Combine(".evidence"));
        Assert.Equal("blocked", blocked.Outcome);
        SchemaValidator.AssertValid(blocked.Path);
    }

    [Fact]
    public void Redact_filters_stdin_to_stdout_and_reports_positions_without_values()
    {
        using var folder = new TempFolder();
        var input = $"first line\nexport GITHUB_TOKEN={StdoutToken}\n  password: 'Tr0ub4dor&3x'\n";

        var filtered = EvidenceCli.Run(folder.Path, ["redact"], stdin: input);
        Assert.Equal(0, filtered.ExitCode);
        Assert.Matches(@"^first line\nexport GITHUB_TOKEN=\[REDACTED:github-pat:[0-9a-f]{8}\]\n  password: '\[REDACTED:secret-assignment:[0-9a-f]{8}\]'\n$", filtered.Stdout);

        var report = EvidenceCli.Run(folder.Path, ["redact", "--report"], stdin: input);
        Assert.Equal("2:21\tgithub-pat\t40 bytes\n3:14\tsecret-assignment\t12 bytes\n", report.Stdout);

        File.WriteAllText(folder.Combine("input.txt"), input);
        var json = EvidenceCli.Run(folder.Path, "redact", "--report", "--json", "input.txt");
        Assert.Contains("{\"rule\":\"github-pat\",\"line\":2,\"column\":21,\"offset\":31,\"length\":40}", json.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_", json.Stdout, StringComparison.Ordinal);

        var missing = EvidenceCli.Run(folder.Path, "redact", "no-such-file.txt");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error EVD0003: cannot read 'no-such-file.txt'", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sarif_report_names_rule_and_place_of_each_secret_and_never_its_value()
    {
        using var folder = new TempFolder();
        var input = $"first line\nexport GITHUB_TOKEN={StdoutToken}\n- name: DB_PASSWORD\n  value: \"Zx9kQ27vLm3WqT8p\"\n";
        File.WriteAllText(folder.Combine("build.log"), input);

        var result = EvidenceCli.Run(folder.Path, "redact", "--report", "--format", "sarif", "build.log");

        Assert.Equal(0, result.ExitCode);
        var log = System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!;
        Assert.Equal("2.1.0", (string?)log["version"]);
        var run = log["runs"]![0]!;
        Assert.Equal("dotnet-evidence", (string?)run["tool"]!["driver"]!["name"]);
        Assert.Equal(["github-pat", "secret-pair"], run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => (string)r!["id"]!).ToArray());
        var results = run["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        var pair = results.Single(r => (string?)r!["ruleId"] == "secret-pair")!["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("build.log", (string?)pair["artifactLocation"]!["uri"]);
        Assert.Equal(4, (int)pair["region"]!["startLine"]!);
        Assert.Equal(input.IndexOf("Zx9k", StringComparison.Ordinal), (int)pair["region"]!["byteOffset"]!);
        Assert.Equal(16, (int)pair["region"]!["byteLength"]!);
        Assert.DoesNotContain("Zx9kQ27vLm3WqT8p", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_", result.Stdout, StringComparison.Ordinal);

        var bad = EvidenceCli.Run(folder.Path, "redact", "--report", "--format", "xml", "build.log");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("error EVD0001: --format: 'xml' is not a report format", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_catalog_sample_is_masked_in_a_real_capture()
    {
        using var folder = new TempFolder();
        var lines = string.Join('\n', SecretSamples.All.Select(s => s.Snippet));
        File.WriteAllText(folder.Combine("secrets.txt"), lines + "\n");

        EvidenceCli.Run(folder.Path, "run", "--max-output", "1MiB", "--", "cat", "secrets.txt");

        var captured = BundleOnDisk.Only(folder.Combine(".evidence")).Text("stdout/cat_1.txt");
        Assert.All(SecretSamples.All, s => Assert.DoesNotContain(s.Secret, captured, StringComparison.Ordinal));
    }
}
