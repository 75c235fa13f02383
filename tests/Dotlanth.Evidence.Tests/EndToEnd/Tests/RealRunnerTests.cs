using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Tests;

/// <summary>Real test runners on projects made here: pytest (Debian's), jest with jest-junit (npm), go test through gotestsum.</summary>
public sealed class RealRunnerTests
{
    private const string PytestFile = """
        import os

        def add(a, b):
            return a + b

        def test_add():
            assert add(1, 2) == 3

        def test_sub():
            print("token ghp_0123456789abcdefghijABCDEFGHIJ012345")
            assert add(2, 2) == 5

        def test_later():
            import pytest
            pytest.skip("not today")
        """;

    [Fact]
    public void Pytest_is_asked_for_its_report_through_PYTEST_ADDOPTS_and_its_argv_stays_as_typed()
    {
        using var repo = TempRepo.Create();
        repo.Write("tests/test_calc.py", PytestFile);
        Processes.Git(repo.Path, "add", ".");
        Processes.Git(repo.Path, "commit", "-qm", "tests");

        var result = EvidenceCli.Run(repo.Path, "run", "--", "pytest", "-q");

        Assert.Equal(1, result.ExitCode);
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        var check = bundle.Check();
        Assert.Equal(["pytest", "-q"], check["argv"]!.AsArray().Select(a => (string)a!));
        var tests = check["tests"]!;
        Assert.Equal(("pytest", true, 3, 1, 1, 1), ((string)tests["collected_by"]!, (bool)tests["complete"]!, (int)tests["total"]!, (int)tests["passed"]!, (int)tests["failed"]!, (int)tests["skipped"]!));
        var cases = bundle.Lines("tests.jsonl");
        var sub = Assert.Single(cases, c => (string)c["name"]! == "test_sub");
        Assert.Equal(("failed", "tests.test_calc", "tests/test_calc.py", 11), ((string)sub["status"]!, (string)sub["class"]!, (string)sub["file"]!, (int)sub["line"]!));
        Assert.Equal("tests/pytest_1/pytest-junit.xml", (string)sub["report"]!);
        Assert.True(bundle.Has("tests/pytest_1/pytest-junit.xml"));
        Assert.DoesNotContain("ghp_", bundle.Text("tests.jsonl") + bundle.Text("tests/pytest_1/pytest-junit.xml"), StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
        // The temporary report is gone once read: only the bundle keeps it.
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "evidence-tests-*"), d => File.Exists(Path.Combine(d, "pytest-junit.xml")) && File.ReadAllText(Path.Combine(d, "pytest-junit.xml")).Contains("test_sub", StringComparison.Ordinal) && Directory.GetCreationTimeUtc(d) > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public void Tests_none_reads_no_report_and_a_report_the_user_asks_for_is_read_instead_of_adding_one()
    {
        using var repo = TempRepo.Create();
        repo.Write("tests/test_calc.py", PytestFile);

        var none = EvidenceCli.Run(repo.Path, "run", "--tests", "none", "--", "pytest", "-q");
        var bundle = BundleOnDisk.Of(none, repo.Combine(".evidence"));
        Assert.Null(bundle.Check()["tests"]);
        Assert.False(bundle.Has("tests.jsonl"));

        var own = EvidenceCli.Run(repo.Path, "run", "--", "pytest", "-q", "--junitxml=out/mine.xml");
        var ownBundle = BundleOnDisk.Of(own, repo.Combine(".evidence"));
        var tests = ownBundle.Check()["tests"]!;
        Assert.Equal("out/mine.xml", (string)tests["reports"]![0]!["source"]!);
        Assert.Equal(3, (int)tests["total"]!);
        Assert.Contains("generated xml file: " + repo.Combine("out", "mine.xml"), own.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Jest_with_jest_junit_gives_the_failing_tests_file_and_line_relative_to_the_repository()
    {
        var tools = Environment.GetEnvironmentVariable("EVIDENCE_JEST_MODULES");
        Assert.True(tools is not null && Directory.Exists(tools), "EVIDENCE_JEST_MODULES must name a node_modules with jest and jest-junit (build/test-prereqs.sh installs them)");
        using var repo = TempRepo.Create();
        repo.Write(".gitignore", "node_modules/\nreports/\n.evidence/\n");
        repo.Write("web/sum.js", "module.exports = (a, b) => a + b;\n");
        repo.Write("web/sum.test.js", """
            const sum = require('./sum');
            describe('sum', () => {
              test('adds', () => { expect(sum(1, 2)).toBe(3); });
              test('subtracts', () => {
                expect(sum(1, -2)).toBe(1);
              });
            });
            """);
        repo.Write("web/package.json", """{"name":"web","version":"1.0.0","scripts":{"test":"jest --ci --reporters=default --reporters=jest-junit"}}""");
        File.CreateSymbolicLink(repo.Combine("web", "node_modules"), tools!);

        var result = EvidenceCli.Run(repo.Combine("web"), ["run", "--tests", "reports/*.xml", "--", "npm", "test"], new Dictionary<string, string?> { ["JEST_JUNIT_OUTPUT_DIR"] = "reports" });

        Assert.Equal(1, result.ExitCode);
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        var failing = Assert.Single(bundle.Lines("tests.jsonl"), c => (string)c["status"]! == "failed");
        Assert.Equal(("sum subtracts", "web/sum.test.js", 5), ((string)failing["name"]!, (string)failing["file"]!, (int)failing["line"]!));
        Assert.StartsWith("Error: expect(received).toBe(expected)", (string)failing["message"]!, StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Go_test_through_gotestsum_points_at_the_test_files_line()
    {
        using var repo = TempRepo.Create();
        repo.Write("calc/go.mod", "module example.com/calc\n\ngo 1.19\n");
        repo.Write("calc/calc.go", "package calc\n\nfunc Add(a, b int) int { return a + b }\n");
        repo.Write("calc/calc_test.go", """
            package calc

            import "testing"

            func TestAdd(t *testing.T) {
            	if Add(1, 2) != 3 {
            		t.Fatal("bad")
            	}
            }

            func TestSub(t *testing.T) {
            	if got := Add(2, 2); got != 5 {
            		t.Errorf("Add(2, 2) = %d; want 5", got)
            	}
            }
            """);
        var cache = repo.Combine(".gocache");
        var env = new Dictionary<string, string?> { ["GOCACHE"] = cache, ["GOPATH"] = repo.Combine(".gopath"), ["GOFLAGS"] = "-mod=mod", ["GOTOOLCHAIN"] = "local" };

        var result = EvidenceCli.Run(repo.Combine("calc"), ["run", "--tests", "junit.xml", "--", "gotestsum", "--junitfile", "junit.xml", "./..."], env, timeoutSeconds: 300);

        Assert.Equal(1, result.ExitCode);
        var bundle = BundleOnDisk.Of(result, repo.Combine(".evidence"));
        var sub = Assert.Single(bundle.Lines("tests.jsonl"), c => (string)c["name"]! == "TestSub");
        Assert.Equal(("failed", "example.com/calc", "calc/calc_test.go", 13), ((string)sub["status"]!, (string)sub["class"]!, (string)sub["file"]!, (int)sub["line"]!));
        Assert.Equal("passed", (string)Assert.Single(bundle.Lines("tests.jsonl"), c => (string)c["name"]! == "TestAdd")["status"]!);
    }
}
