using System.Text.RegularExpressions;
using Dotlanth.Evidence.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary>The composite Action's steps, run here under a simulated GitHub environment, and the YAML files checked.</summary>
[Collection("packing")]
public sealed class ActionTests(ToolFeed feed) : IClassFixture<ToolFeed>
{
    [Fact]
    public void Action_yml_and_the_workflow_declare_what_they_must()
    {
        var action = ActionRunner.Action;
        var inputs = ((YamlMappingNode)action.Children[new YamlScalarNode("inputs")]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        var outputs = ((YamlMappingNode)action.Children[new YamlScalarNode("outputs")]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        Assert.Equal(["command", "checks", "store", "bundle", "require-outcome", "required-checks", "upload", "summary", "artifact-name", "tool-version", "tool-source"], inputs);
        Assert.Equal(["run-id", "outcome", "bundle-path", "digest"], outputs);
        Assert.Equal("composite", ActionRunner.Scalar((YamlMappingNode)action.Children[new YamlScalarNode("runs")], "using"));
        Assert.All(ActionRunner.Steps().Where(s => ActionRunner.Scalar(s, "run") is not null), s => Assert.Equal("bash", ActionRunner.Scalar(s, "shell")));
        var upload = ActionRunner.Steps().Single(s => ActionRunner.Scalar(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.Equal("true", ActionRunner.Scalar((YamlMappingNode)upload.Children[new YamlScalarNode("with")], "include-hidden-files"));
        Assert.Contains("always()", ActionRunner.Scalar(upload, "if"), StringComparison.Ordinal);

        var workflow = ActionRunner.Load(Path.Combine(SchemaValidator.RepoRoot, ".github", "workflows", "ci.yml"));
        var steps = ((YamlMappingNode)workflow.Children[new YamlScalarNode("jobs")]).Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>()).ToList();
        Assert.All(steps.Where(s => ActionRunner.Scalar(s, "run") is not null), s => Assert.Equal("bash", ActionRunner.Scalar(s, "shell")));
        var gate = steps.Single(s => ActionRunner.Scalar(s, "uses") == "./");
        var command = ActionRunner.Scalar((YamlMappingNode)gate.Children[new YamlScalarNode("with")], "command");
        Assert.Equal("./build/test.sh", command);
        Assert.Contains(command!, File.ReadAllText(Path.Combine(SchemaValidator.RepoRoot, ".ci", "run")), StringComparison.Ordinal);
        Assert.Contains($"`{command}`", File.ReadAllText(Path.Combine(SchemaValidator.RepoRoot, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_command_is_recorded_annotated_summarized_and_fails_the_gate_without_injecting_commands()
    {
        using var repo = TempRepo.Create();
        using var scratch = new TempFolder();
        var runner = new ActionRunner(repo.Path, new Dictionary<string, string>
        {
            ["command"] = "echo '::add-mask::leak'; echo '::set-env name=X::y'; echo 'src/app.cs(12,5): error CS1002: ; expected' >&2; exit 1",
            ["tool-source"] = feed.Folder,
            ["tool-version"] = feed.Version,
        });

        var install = runner.Step("Install dotnet-evidence", scratch);
        var run = runner.Step("run", scratch);
        var gate = runner.Step("gate", scratch);

        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
        Assert.Equal(0, run.ExitCode);
        var stop = Regex.Match(run.Stdout, @"::stop-commands::(\w+)");
        Assert.True(stop.Success, run.Stdout);
        var token = stop.Groups[1].Value;
        var injected = run.Stdout.IndexOf("::add-mask::leak", StringComparison.Ordinal);
        Assert.True(stop.Index < injected && injected < run.Stdout.IndexOf($"::{token}::", StringComparison.Ordinal), run.Stdout);
        Assert.Contains("::error file=src/app.cs,line=12,title=evidence%3A echo::", run.Stdout, StringComparison.Ordinal);
        var outputs = runner.Outputs("run");
        Assert.Equal("failed", outputs["outcome"]);
        Assert.True(Directory.Exists(outputs["bundle-path"]));
        Assert.Matches("^[0-9a-f]{64}$", outputs["digest"]);
        Assert.Contains("### ❌ Evidence: failed", runner.Summary, StringComparison.Ordinal);
        Assert.Contains("| echo | 1 | ❌ failed | 1 |", runner.Summary, StringComparison.Ordinal);
        Assert.Equal(1, gate.ExitCode);
        Assert.Contains("::error title=evidence gate::gate not met: outcome verified (the outcome is failed)", gate.Stdout, StringComparison.Ordinal);
        Assert.Equal(outputs["run-id"], runner.Outputs("gate")["run-id"]);
        Assert.Equal("false", runner.Outputs("gate")["gate-met"]);
    }

    [Fact]
    public void Annotations_stop_at_ten_and_the_summary_stays_under_githubs_limit()
    {
        using var repo = TempRepo.Create();
        var checks = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"  - name: c{i:D2}\n    run: [sh, -c, \"for n in 1 2 3 4 5 6 7 8 9 10; do head -c 30000 /dev/zero | tr '\\\\0' x; echo; done; exit 1\"]\n"));
        repo.Write("evidence.yml", "version: 1\ncapture: {max_output: 1MiB}\nchecks:\n" + checks);
        using var scratch = new TempFolder();
        var runner = new ActionRunner(repo.Path, new Dictionary<string, string> { ["checks"] = "all", ["tool-source"] = feed.Folder, ["tool-version"] = feed.Version });

        runner.Step("Install dotnet-evidence", scratch);
        var run = runner.Step("run", scratch);

        Assert.Equal(10, Regex.Count(run.Stdout, "^::error ", RegexOptions.Multiline));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(runner.Summary) < 1024 * 1024, $"{runner.Summary.Length} characters");
        Assert.Contains("More failing output is in the bundle", runner.Summary, StringComparison.Ordinal);
        Assert.Equal(12, runner.Summary.Split('\n').Count(l => l.StartsWith("| c", StringComparison.Ordinal)));
    }

    [Fact]
    public void No_bundle_fails_the_gate()
    {
        using var repo = TempRepo.Create();
        using var scratch = new TempFolder();
        var runner = new ActionRunner(repo.Path, new Dictionary<string, string> { ["tool-source"] = feed.Folder, ["tool-version"] = feed.Version });

        runner.Step("Install dotnet-evidence", scratch);
        var run = runner.Step("run", scratch);
        var gate = runner.Step("gate", scratch);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, gate.ExitCode);
        Assert.Contains("::error title=evidence gate::no evidence bundle", gate.Stdout, StringComparison.Ordinal);
    }

    private static string Rid => Processes.Run("dotnet", ["--info"], SchemaValidator.RepoRoot).Stdout.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("RID:", StringComparison.Ordinal))["RID:".Length..].Trim();

    [Fact]
    public void Without_a_version_or_a_source_the_action_packs_the_tool_from_its_own_checkout()
    {
        using var repo = TempRepo.Create();
        using var scratch = new TempFolder();
        var runner = new ActionRunner(repo.Path, new Dictionary<string, string> { ["command"] = "python3 -m pytest --version || true" });

        // The portable package alone: the native one is packed the same way (build/pack-tool.sh) by the release test
        // below, and two NativeAOT compiles would cost CI minutes for nothing more proven.
        runner.SetEnvironment("EVIDENCE_NATIVE_RIDS", "");
        var locate = runner.Step("locate", scratch);
        var outputs = runner.Outputs("locate");
        try
        {
            var pack = runner.Step("pack", scratch);
            var install = runner.Step("Install dotnet-evidence", scratch);
            var run = runner.Step("run", scratch);
            var gate = runner.Step("gate", scratch);

            Assert.Equal(0, locate.ExitCode);
            Assert.Equal("self", outputs["from"]);
            Assert.Matches(@"^\d+\.\d+\.\d+-action-[0-9a-f]{16}$", outputs["version"]);
            Assert.True(pack.ExitCode == 0, pack.Stderr);
            Assert.True(File.Exists(Path.Combine(outputs["folder"], $"Dotlanth.Evidence.Cli.{outputs["version"]}.nupkg")));
            Assert.True(File.Exists(Path.Combine(outputs["folder"], $"Dotlanth.Evidence.Cli.any.{outputs["version"]}.nupkg")));
            Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
            // The install step and the bundle both say which build ran.
            Assert.Contains("(portable build)", install.Stderr, StringComparison.Ordinal);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(0, gate.ExitCode);
            Assert.Equal("verified", runner.Outputs("gate")["outcome"]);
            Assert.Equal("portable", (string)BundleOnDisk.Only(repo.Combine(".evidence")).Manifest["tool"]!["build"]!);
            // Named after what the command ran, not "command".
            Assert.Contains("| pytest |", runner.Summary, StringComparison.Ordinal);
            var again = new ActionRunner(repo.Path, new Dictionary<string, string> { ["command"] = "true" });
            again.Step("locate", scratch);
            Assert.Equal(outputs["key"], again.Outputs("locate")["key"]);
        }
        finally
        {
            if (outputs.TryGetValue("folder", out var folder) && Directory.Exists(folder))
            {
                LocalPack.Forget(folder, "Dotlanth.Evidence.Cli", outputs["version"]);
            }
        }
    }

    [Fact]
    public void The_action_and_the_workflows_pass_githubs_schemas_and_the_lint_catches_a_broken_one()
    {
        var files = new[] { "action.yml", ".github/workflows/ci.yml", ".github/workflows/release.yml" }.Select(f => Path.Combine(SchemaValidator.RepoRoot, f)).ToList();
        using var scratch = new TempFolder();
        var broken = scratch.Write("release.yml", File.ReadAllText(files[2]).Replace("runs-on:", "runs_on:", StringComparison.Ordinal));

        Assert.All(files, file =>
        {
            var lint = Processes.Run(ActionValidator.Path, [file], SchemaValidator.RepoRoot);
            Assert.True(lint.ExitCode == 0, $"{file}:\n{lint.Stdout}{lint.Stderr}");
        });
        Assert.NotEqual(0, Processes.Run(ActionValidator.Path, [broken], SchemaValidator.RepoRoot).ExitCode);
    }

    [Fact]
    public void The_release_packs_both_packages_with_the_tags_version_and_refuses_a_bad_one()
    {
        using var output = new TempFolder();
        var version = "9.8.7-" + LocalPack.NewVersion()["0.0.0-".Length..];
        var release = ActionRunner.Load(Path.Combine(SchemaValidator.RepoRoot, ".github", "workflows", "release.yml"));
        var publish = ((YamlMappingNode)((YamlMappingNode)release.Children[new YamlScalarNode("jobs")]).Children[new YamlScalarNode("publish")]);
        var steps = ((YamlSequenceNode)publish.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();
        try
        {
            var pack = Processes.Run("bash", [Path.Combine(SchemaValidator.RepoRoot, "build", "pack.sh"), version, output.Path], SchemaValidator.RepoRoot, timeoutSeconds: 900);
            var bad = Processes.Run("bash", [Path.Combine(SchemaValidator.RepoRoot, "build", "pack.sh"), "v1.2", output.Path], SchemaValidator.RepoRoot);

            Assert.True(pack.ExitCode == 0, pack.Stderr);
            Assert.True(File.Exists(output.Combine($"Dotlanth.Evidence.Cli.{version}.nupkg")));
            Assert.True(File.Exists(output.Combine($"Dotlanth.Evidence.MSBuild.{version}.nupkg")));
            Assert.True(File.Exists(output.Combine($"Dotlanth.Evidence.Cli.{Rid}.{version}.nupkg")));
            Assert.True(File.Exists(output.Combine($"Dotlanth.Evidence.Cli.any.{version}.nupkg")));
            using (var msbuild = System.IO.Compression.ZipFile.OpenRead(output.Combine($"Dotlanth.Evidence.MSBuild.{version}.nupkg")))
            {
                // The MSBuild package runs the native CLI where it matches the machine, the portable one elsewhere.
                var entries = msbuild.Entries.Select(e => e.FullName).ToList();
                Assert.Contains($"tools/native/{Rid}/dotnet-evidence", entries);
                Assert.Contains("tools/dotnet-evidence.dll", entries);
                Assert.DoesNotContain(entries, e => e.EndsWith(".dbg", StringComparison.Ordinal));
            }

            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("'v1.2' is not a version", bad.Stderr, StringComparison.Ordinal);
            // The workflow tests, then packs with the tag's version, then publishes with the feed the secrets name.
            Assert.Equal(["Version from the tag", "Test", "Pack", "Publish"], steps.Select(s => ActionRunner.Scalar(s, "name")).OfType<string>());
            Assert.Contains("./build/pack.sh", ActionRunner.Scalar(steps.Single(s => ActionRunner.Scalar(s, "name") == "Pack"), "run"), StringComparison.Ordinal);
            Assert.Contains("${{ secrets.NUGET_API_KEY }}", File.ReadAllText(Path.Combine(SchemaValidator.RepoRoot, ".github", "workflows", "release.yml")), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var package in new[] { "Dotlanth.Evidence.Cli", "Dotlanth.Evidence.MSBuild", $"Dotlanth.Evidence.Cli.{Rid}", "Dotlanth.Evidence.Cli.any" })
            {
                var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), package.ToLowerInvariant(), version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
    }
}
