using System.Text;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class SecretTests
{
    private const string Secret = "s3cr3t-VALUE-9f8e7d6c5b4a";

    [Fact]
    public void A_sensitive_value_never_reaches_any_file_of_the_bundle()
    {
        using var repo = TempRepo.Create();
        repo.Write("config/settings.txt", $"api={Secret}\n");
        var env = new Dictionary<string, string?> { ["DEPLOY_TOKEN"] = Secret, ["MULTI_LINE_SECRET"] = "first-line-abcdef\nsecond-line-ghijkl" };

        var result = EvidenceCli.Run(
            repo.Path,
            ["run", "--name", "leaky", "--", "sh", "-c", "echo \"out $DEPLOY_TOKEN\"; echo \"err $DEPLOY_TOKEN\" >&2; echo \"$MULTI_LINE_SECRET\"; echo \"$1\"", "sh", Secret],
            env);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Secret, result.Stdout, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        foreach (var file in Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("first-line-abcdef", text, StringComparison.Ordinal);
            Assert.DoesNotContain("second-line-ghijkl", text, StringComparison.Ordinal);
        }

        Assert.Matches(@"^out \[REDACTED:env-value:[0-9a-f]{8}\]$", bundle.Text("stdout/leaky_1.txt").Split('\n')[0]);
        Assert.Contains("[REDACTED:env-value:", bundle.Text("diff.patch"), StringComparison.Ordinal);
        Assert.Contains("[REDACTED:env-value:", bundle.Text("checks.jsonl"), StringComparison.Ordinal);
        // A sensitive variable is recorded by name only; its value is masked wherever it was printed.
        var facts = bundle.Json("env.json");
        Assert.False(facts["variables"]!.AsObject().ContainsKey("DEPLOY_TOKEN"));
        Assert.Contains("DEPLOY_TOKEN", facts["variables_names_only"]!.AsArray().Select(n => (string)n!));
        Assert.True((long)bundle.Manifest["redaction"]!["hits"]!["env-value"]! >= 4);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Env_json_records_values_only_of_safe_or_allowed_variables_and_names_of_the_rest()
    {
        using var repo = TempRepo.Create();
        File.WriteAllText(repo.Combine("evidence.yml"), "version: 1\nredaction:\n  env_allow: [APP_MODE, FEATURE_*]\nchecks:\n  - name: hello\n    run: [\"true\"]\n");
        var env = new Dictionary<string, string?>
        {
            ["DATABASE_URL_X"] = "postgresql://app@db.internal/main?sslkey=abc123",
            ["KUBE_CONFIG"] = "apiVersion: v1 clusters: internal",
            ["SONAR_LOGIN"] = "squ_0123456789abcdef0123456789abcdef01234567",
            ["ENCRYPTION_SALT"] = "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            ["APP_MODE"] = "staging",
            ["FEATURE_NEW_UI"] = "on",
            ["FEATURE_SECRET"] = "hunter2-hunter2",
            ["LANG"] = "C.UTF-8",
            ["GITHUB_SHA"] = "3f2a9c1d4e5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f",
        };

        var result = EvidenceCli.Run(repo.Path, ["run"], env);

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        var facts = bundle.Json("env.json");
        var values = facts["variables"]!.AsObject();
        var names = facts["variables_names_only"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal("staging", (string?)values["APP_MODE"]);
        Assert.Equal("on", (string?)values["FEATURE_NEW_UI"]);
        Assert.Equal("C.UTF-8", (string?)values["LANG"]);
        Assert.Equal("3f2a9c1d4e5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f", (string?)values["GITHUB_SHA"]);
        foreach (var hidden in new[] { "DATABASE_URL_X", "KUBE_CONFIG", "SONAR_LOGIN", "ENCRYPTION_SALT", "FEATURE_SECRET" })
        {
            Assert.False(values.ContainsKey(hidden), hidden);
            Assert.Contains(hidden, names);
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var text = bundle.Text("env.json");
        Assert.DoesNotContain("sslkey=abc123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("squ_0123456789", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-hunter2", text, StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Two_bundles_give_the_same_secret_different_tags()
    {
        using var folder = new TempFolder();
        var env = new Dictionary<string, string?> { ["API_KEY"] = Secret };
        EvidenceCli.Run(folder.Path, ["run", "--", "sh", "-c", "echo $API_KEY"], env);
        EvidenceCli.Run(folder.Path, ["run", "--", "sh", "-c", "echo $API_KEY"], env);

        var outputs = BundleOnDisk.All(folder.Combine(".evidence")).Select(b => b.Text("stdout/echo_1.txt")).ToList();
        Assert.Equal(2, outputs.Count);
        Assert.All(outputs, o => Assert.Matches(@"^\[REDACTED:env-value:[0-9a-f]{8}\]\n$", o));
        Assert.NotEqual(outputs[0], outputs[1]);
    }

    [Fact]
    public void Short_sensitive_values_are_left_out_of_env_json_instead_of_masking_everything()
    {
        using var folder = new TempFolder();
        var env = new Dictionary<string, string?> { ["TINY_TOKEN"] = "abc", ["FEATURE_AUTH"] = "true" };
        EvidenceCli.Run(folder.Path, ["run", "--", "sh", "-c", "echo abc true"], env);

        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        var variables = bundle.Json("env.json")["variables"]!.AsObject();
        Assert.False(variables.ContainsKey("TINY_TOKEN"));
        Assert.False(variables.ContainsKey("FEATURE_AUTH"));
        Assert.Equal("abc true\n", bundle.Text("stdout/echo_1.txt"));
        Assert.True((int)bundle.Manifest["redaction"]!["dropped_short_values"]! >= 2);
    }
}
