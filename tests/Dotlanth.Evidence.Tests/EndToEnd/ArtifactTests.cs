using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class ArtifactTests
{
    [Fact]
    public void Declared_artifacts_are_collected_with_lineage_and_redacted()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", """
            version: 1
            spec: {id: checkout, version: "2.1"}
            checks:
              - name: unit
                run: [sh, -c, "mkdir -p reports/unit && echo '<testsuite tests=\"3\"/>' > reports/unit/results.xml && echo 'token=ghp_0123456789abcdefghijABCDEFGHIJ012345' > reports/unit/log.xml"]
              - name: lint
                run: [sh, -c, "exit 1"]
                required: false
            artifacts:
              - name: test-results
                type: test-result
                format: junit
                path: "reports/**/*.xml"
                produced_by: [unit]
              - name: lint-report
                type: report
                path: lint.txt
                produced_by: [lint]
            """);

        var result = EvidenceCli.Run(repo.Path, "run");

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        var artifacts = bundle.Json("artifacts.json")["artifacts"]!.AsArray();
        var tests = artifacts[0]!;
        Assert.Equal("test-result", (string)tests["type"]!);
        Assert.Equal("junit", (string)tests["format"]!);
        Assert.Equal("checkout", (string)tests["spec"]!["id"]!);
        Assert.Equal("unit", (string)tests["producer"]!["checks"]![0]!);
        Assert.Equal("passed", (string)tests["validation"]!["status"]!);
        Assert.Equal(["reports/unit/log.xml", "reports/unit/results.xml"], tests["files"]!.AsArray().Select(f => (string)f!["source"]!));
        Assert.Equal("<testsuite tests=\"3\"/>\n", bundle.Text("artifacts/test-results/reports/unit/results.xml"));
        Assert.DoesNotContain("ghp_", bundle.Text("artifacts/test-results/reports/unit/log.xml"), StringComparison.Ordinal);
        Assert.Equal("missing", (string)artifacts[1]!["validation"]!["status"]!);
        Assert.Contains(("artifacts/lint-report", "EVD0501"), bundle.Missing);
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Paths_and_symlinks_that_escape_the_repository_are_refused()
    {
        using var outside = new TempFolder();
        outside.Write("secret.txt", "confidential-outside-content\n");
        using var repo = TempRepo.Create();
        File.CreateSymbolicLink(repo.Combine("linked.txt"), outside.Combine("secret.txt"));
        var relativeOut = Path.GetRelativePath(repo.Path, outside.Combine("secret.txt")).Replace('\\', '/');
        repo.Write("evidence.yml", $"""
            version: 1
            checks:
              - name: unit
                run: [true]
            artifacts:
              - name: traversal
                type: document
                path: {relativeOut}
              - name: symlink
                type: document
                path: linked.txt
            """);

        var result = EvidenceCli.Run(repo.Path, "run");

        Assert.Contains("error EVD0502: artifact 'traversal'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error EVD0502: artifact 'symlink'", result.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.False(Directory.Exists(Path.Combine(bundle.Path, "artifacts")));
        Assert.All(Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories), f =>
            Assert.DoesNotContain("confidential-outside-content", File.ReadAllText(f), StringComparison.Ordinal));
        SchemaValidator.AssertValid(bundle.Path);
    }
}
