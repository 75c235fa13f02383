using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary>Repository facts that cannot be measured are unknown, shown as unknown, and never meet a gate.</summary>
public sealed class RepoFactTests
{
    [Fact]
    public void A_changed_tree_whose_gitignore_lists_the_store_is_dirty_and_fails_a_clean_gate()
    {
        using var repo = TempRepo.Create();
        repo.Write(".gitignore", ".evidence/\n");
        Processes.Git(repo.Path, "add", ".");
        Processes.Git(repo.Path, "commit", "-q", "-m", "ignore the store");
        File.AppendAllText(repo.Combine("src", "app.txt"), "b\n");

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "run", "--", "true").ExitCode);
        var gate = EvidenceCli.Run(repo.Path, "verify", "last", "--commit", Processes.Git(repo.Path, "rev-parse", "HEAD"), "--clean");

        Assert.Equal(1, gate.ExitCode);
        Assert.Contains("NOT MET clean tree: the tree had 1 changed file(s)", gate.Stdout, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.True((bool)bundle.Manifest["repo"]!["dirty"]!);
        Assert.Contains("+b", bundle.Text("diff.patch"), StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_and_commit_are_separate_conditions_and_a_short_commit_is_refused()
    {
        using var repo = TempRepo.Create();
        var head = Processes.Git(repo.Path, "rev-parse", "HEAD");
        EvidenceCli.Run(repo.Path, "run", "--", "true");

        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", "last", "--clean").ExitCode);
        repo.Write("wip.txt", "not committed\n");
        EvidenceCli.Run(repo.Path, "run", "--", "true");
        var clean = EvidenceCli.Run(repo.Path, "verify", "last", "--clean");
        Assert.Equal(1, clean.ExitCode);
        Assert.DoesNotContain("commit", clean.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", "last", "--commit", head).ExitCode);
        Assert.Equal(1, EvidenceCli.Run(repo.Path, "verify", "last", "--commit", head, "--clean").ExitCode);

        foreach (var bad in new[] { "", "abc", "HEAD", head + "0" + new string('0', 24) })
        {
            var refused = EvidenceCli.Run(repo.Path, "verify", "last", "--commit", bad);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("error EVD0002: --commit", refused.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_tree_git_cannot_read_is_unknown_everywhere_and_fails_a_clean_gate()
    {
        using var repo = TempRepo.Create();
        File.WriteAllText(repo.Combine(".git", "index"), "not an index\n");
        using var scratch = new TempFolder();
        var summary = scratch.Write("summary.md", string.Empty);

        var run = EvidenceCli.Run(repo.Path, ["run", "--github", "--", "true"], new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.Equal(0, run.ExitCode);
        var bundle = BundleOnDisk.Of(run, repo.Combine(".evidence"));
        Assert.Null(bundle.Manifest["repo"]!["dirty"]);
        Assert.Null(bundle.Manifest["repo"]!["changed_files"]);
        Assert.Equal(Processes.Git(repo.Path, "rev-parse", "HEAD"), (string)bundle.Manifest["repo"]!["commit"]!);
        Assert.Contains(("repo.dirty", "EVD0207"), bundle.Missing);
        Assert.Contains(("repo.changed_files", "EVD0207"), bundle.Missing);
        Assert.Contains(("diff.patch", "EVD0207"), bundle.Missing);
        SchemaValidator.AssertValid(bundle.Path);

        var gate = EvidenceCli.Run(repo.Path, "verify", "last", "--clean");
        Assert.Equal(1, gate.ExitCode);
        Assert.Contains("NOT MET clean tree: tree state unknown (EVD0207: git status failed", gate.Stdout, StringComparison.Ordinal);
        Assert.Contains("main @ ", EvidenceCli.Run(repo.Path, "inspect", "last").Stdout, StringComparison.Ordinal);
        Assert.Contains(", tree state unknown (EVD0207", EvidenceCli.Run(repo.Path, "inspect", "last").Stdout, StringComparison.Ordinal);
        Assert.Contains(", tree state unknown (EVD0207", File.ReadAllText(summary), StringComparison.Ordinal);
        var page = scratch.Combine("page.html");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "report", "last", "-o", page).ExitCode);
        Assert.Contains("<span id=\"tree\">tree state unknown (EVD0207", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.DoesNotContain("clean", File.ReadAllText(summary), StringComparison.Ordinal);
    }

    [RootFact]
    public void A_repository_owned_by_another_user_names_safe_directory_instead_of_not_a_repository()
    {
        using var repo = TempRepo.Create();
        using var home = new TempFolder();
        Processes.Run("chown", ["-R", "65534:65534", repo.Path], repo.Path);
        // The user's own git configuration must not trust every folder (safe.directory=*) for this to be a test.
        var env = new Dictionary<string, string?> { ["GIT_CONFIG_GLOBAL"] = home.Write("gitconfig", string.Empty), ["GIT_CONFIG_NOSYSTEM"] = "1" };

        var run = EvidenceCli.Run(repo.Path, ["run", "--out", home.Combine("store"), "--", "true"], env);

        Assert.Equal(0, run.ExitCode);
        var bundle = BundleOnDisk.Of(run, home.Combine("store"));
        Assert.Null(bundle.Manifest["repo"]);
        Assert.Contains(("repo", "EVD0210"), bundle.Missing);
        var reason = (string)bundle.Manifest["missing"]!.AsArray().Single(m => (string)m!["path"]! == "repo")!["reason"]!;
        Assert.Contains($"git config --global --add safe.directory {repo.Path}", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not inside a git work tree", reason, StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_diff_base_a_shallow_clone_lacks_falls_back_to_head_and_says_so()
    {
        using var origin = TempRepo.Create();
        Processes.Git(origin.Path, "checkout", "-q", "-b", "feature");
        origin.Write("feature.txt", "on the branch\n");
        origin.Write("evidence.yml", "version: 1\ndiff:\n  base: origin/main\nchecks:\n  - name: unit\n    run: [\"true\"]\n");
        Processes.Git(origin.Path, "add", ".");
        Processes.Git(origin.Path, "commit", "-q", "-m", "feature");
        using var parent = new TempFolder();
        Processes.Git(parent.Path, "clone", "-q", "--depth", "1", "--single-branch", "--branch", "feature", "file://" + origin.Path, "ci");
        var clone = parent.Combine("ci");
        Processes.Git(clone, "checkout", "-q", "--detach");
        File.WriteAllText(Path.Combine(clone, "wip.txt"), "uncommitted\n");

        var run = EvidenceCli.Run(clone, "run");

        Assert.Equal(0, run.ExitCode);
        var bundle = BundleOnDisk.Of(run, Path.Combine(clone, ".evidence"));
        Assert.Contains(("changed_files.json#base", "EVD0209"), bundle.Missing);
        Assert.Contains(("repo.history", "EVD0205"), bundle.Missing);
        Assert.Contains(("repo.branch", "EVD0204"), bundle.Missing);
        var changed = bundle.Json("changed_files.json");
        Assert.Null(changed["base_ref"]);
        Assert.Equal(Processes.Git(clone, "rev-parse", "HEAD"), (string)changed["base"]!);
        Assert.True((bool)bundle.Manifest["repo"]!["dirty"]!);
        GitOracle.AssertAgrees(clone, bundle);
        SchemaValidator.AssertValid(bundle.Path);
    }
}
