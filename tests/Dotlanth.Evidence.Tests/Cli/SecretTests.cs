using System.Text;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Cli;

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
        var token = bundle.Json("env.json")["variables"]!["DEPLOY_TOKEN"]!.ToString();
        Assert.Contains(token, bundle.Text("stdout/leaky_1.txt"), StringComparison.Ordinal);
        Assert.True((long)bundle.Manifest["redaction"]!["hits"]!["env-value"]! >= 4);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Two_bundles_give_the_same_secret_different_tags()
    {
        using var folder = new TempFolder();
        var env = new Dictionary<string, string?> { ["API_KEY"] = Secret };
        EvidenceCli.Run(folder.Path, ["run", "--", "sh", "-c", "echo $API_KEY"], env);
        EvidenceCli.Run(folder.Path, ["run", "--", "sh", "-c", "echo $API_KEY"], env);

        var outputs = BundleOnDisk.All(folder.Combine(".evidence")).Select(b => b.Text("stdout/sh_1.txt")).ToList();
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
        Assert.Equal("abc true\n", bundle.Text("stdout/sh_1.txt"));
        Assert.True((int)bundle.Manifest["redaction"]!["dropped_short_values"]! >= 2);
    }
}
