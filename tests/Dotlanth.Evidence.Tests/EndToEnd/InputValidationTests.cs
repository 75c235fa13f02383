using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class InputValidationTests
{
    [Theory]
    [InlineData("../../../../escaped")]
    [InlineData("a/../b")]
    [InlineData("")]
    [InlineData(".hidden")]
    public void Check_names_that_are_not_flat_file_names_are_refused(string name)
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--name", name, "--", "true");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0002: --name:", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.Equal("blocked", bundle.Outcome);
        Assert.Empty(Directory.GetFiles(folder.Path, "*escaped*", SearchOption.AllDirectories));
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_check_name_holding_a_secret_is_refused()
    {
        using var folder = new TempFolder();
        var env = new Dictionary<string, string?> { ["RELEASE_TOKEN"] = "tok-1234567890" };
        var result = EvidenceCli.Run(folder.Path, ["run", "--name", "tok-1234567890", "--", "true"], env);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("tok-1234567890", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.All(Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories), f =>
            Assert.DoesNotContain("tok-1234567890", f + File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public void A_mistyped_option_before_the_double_dash_is_refused_not_run_as_the_program()
    {
        using var folder = new TempFolder();

        var result = EvidenceCli.Run(folder.Path, "run", "--tiemout", "5s", "--", "touch", "ran");
        var afterDash = EvidenceCli.Run(folder.Path, "run", "--", "sh", "-c", "echo -n fine");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error EVD0001: unknown option '--tiemout'", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("ran")));
        Assert.Equal("blocked", BundleOnDisk.Of(result, folder.Combine(".evidence")).Outcome);
        Assert.Equal(0, afterDash.ExitCode);
        Assert.Equal("fine", afterDash.Stdout);
    }

    [Fact]
    public void A_timeout_under_a_millisecond_is_refused_rather_than_ignored()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--timeout", "0.5ms", "--", "true");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("at least 1ms", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_in_argv_is_counted_everywhere_it_was_masked_and_the_snapshot_digest_matches_its_text()
    {
        using var folder = new TempFolder();
        const string secret = "argv-secret-0987654321";
        var env = new Dictionary<string, string?> { ["SERVICE_PASSWORD"] = secret };
        EvidenceCli.Run(folder.Path, ["run", "--", "echo", secret], env);

        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        var masked = Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .Sum(text => CountOf(text, "[REDACTED:env-value:"));
        // env.json records a sensitive variable by name only, so every mask in the bundle was found and counted.
        Assert.Equal(masked, (long)bundle.Manifest["redaction"]!["hits"]!["env-value"]!);
        Assert.True((bool)bundle.Json("input_snapshot.json")["program"]!["redacted"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
