using System.Text.Json.Nodes;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary><c>run --result-file</c>: the machine-readable result build tools read instead of console text.</summary>
public sealed class RunResultTests
{
    private const string Token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    [Fact]
    public void A_failing_run_reports_its_sealed_bundle_outcome_and_exit_code()
    {
        using var repo = TempRepo.Create();

        var run = EvidenceCli.Run(repo.Path, "run", "--result-file", "out/result.json", "--", "sh", "-c", "exit 3");

        var bytes = File.ReadAllBytes(repo.Combine("out/result.json"));
        SchemaValidator.AssertDocumentValid(bytes, "run-result.schema.json");
        var result = JsonNode.Parse(bytes)!;
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("failed", (string)result["outcome"]!);
        Assert.Equal(3, (int)result["exit_code"]!);
        Assert.True((bool)result["sealed"]!);
        Assert.True((bool)result["recorded"]!);
        Assert.True(File.Exists(Path.Combine((string)result["bundle"]!, "bundle.json")));
        Assert.Contains((string)result["run_id"]!, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (string)result["problems"]!);
    }

    [Fact]
    public void A_refused_run_says_so_with_its_diagnostics_redacted()
    {
        using var repo = TempRepo.Create();

        var run = EvidenceCli.Run(repo.Path, "run", "--into", Token, "--result-file", "result.json", "--", "true");

        var text = File.ReadAllText(repo.Combine("result.json"));
        SchemaValidator.AssertDocumentValid(System.Text.Encoding.UTF8.GetBytes(text), "run-result.schema.json");
        var result = JsonNode.Parse(text)!;
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("blocked", (string)result["outcome"]!);
        Assert.Equal("EVD0002", (string)result["errors"]![0]!["code"]!);
        Assert.StartsWith("EVD0002: cannot append to run [REDACTED:github-pat:", (string)result["problems"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_whose_bundle_could_not_be_written_names_no_outcome()
    {
        using var repo = TempRepo.Create();
        repo.Write("not-a-folder", "x");

        var run = EvidenceCli.Run(repo.Path, "run", "--out", "not-a-folder/store", "--result-file", "result.json", "--", "true");

        var bytes = File.ReadAllBytes(repo.Combine("result.json"));
        SchemaValidator.AssertDocumentValid(bytes, "run-result.schema.json");
        var result = JsonNode.Parse(bytes)!;
        Assert.Equal(0, run.ExitCode);
        Assert.False((bool)result["recorded"]!);
        Assert.Null(result["outcome"]);
        Assert.Null(result["bundle"]);
        Assert.Equal("EVD0902", (string)result["errors"]![0]!["code"]!);
    }

    [Fact]
    public void A_step_of_an_open_run_is_recorded_but_not_sealed()
    {
        using var repo = TempRepo.Create();
        var id = EvidenceCli.Run(repo.Path, "begin").Stdout.Trim().Split('=')[1];

        var run = EvidenceCli.Run(repo.Path, "run", "--into", id, "--result-file", "result.json", "--", "true");

        var result = JsonNode.Parse(File.ReadAllText(repo.Combine("result.json")))!;
        Assert.Equal(0, run.ExitCode);
        Assert.False((bool)result["sealed"]!);
        Assert.True((bool)result["recorded"]!);
        Assert.Equal(1, (int)result["step"]!);
        Assert.Equal(id, (string)result["run_id"]!);
    }
}
