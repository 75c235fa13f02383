using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary>The pre-push hook attests what is pushed, not the work tree: real pushes to a bare repository.</summary>
public sealed class PushEvidenceTests
{
    // The check passes exactly when state.txt says so: what the pushed commit holds, not what the work tree holds.
    private const string Config = "version: 1\nchecks:\n  - name: gate\n    run: [sh, -c, \"grep -qx pass state.txt\"]\n";

    [Fact]
    public void A_failing_commit_is_refused_even_when_the_work_tree_passes_and_a_passing_commit_is_accepted_from_a_failing_tree()
    {
        using var remote = BareRemote();
        using var repo = Project(remote.Path, "fail");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "hook", "install").ExitCode);
        var failing = Processes.Git(repo.Path, "rev-parse", "HEAD");
        repo.Write("state.txt", "pass\n");

        var refused = Processes.Run("git", ["push", "origin", "main"], repo.Path);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("running the checks in a temporary worktree (the work tree has 1 uncommitted change(s))", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("push refused", refused.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, Processes.Run("git", ["--git-dir", remote.Path, "rev-parse", "--verify", "-q", "refs/heads/main"], remote.Path).ExitCode);
        var failed = BundleOnDisk.All(repo.Combine(".evidence")).Single();
        Assert.Equal("failed", failed.Outcome);
        Assert.Equal(failing, (string)failed.Manifest["repo"]!["commit"]!);
        Assert.False((bool)failed.Manifest["repo"]!["dirty"]!);
        Assert.Equal("pre-push", (string)failed.Manifest["invocation"]!["front_end"]!);
        AssertNoWorktreeLeft(repo.Path, (string)failed.Manifest["repo"]!["root"]!);

        Processes.Git(repo.Path, "commit", "-q", "-am", "pass");
        var passing = Processes.Git(repo.Path, "rev-parse", "HEAD");
        repo.Write("state.txt", "fail\n");
        var accepted = Processes.Run("git", ["push", "origin", "main"], repo.Path);

        Assert.True(accepted.ExitCode == 0, accepted.Stderr);
        Assert.Equal(passing, Processes.Git(repo.Path, "--git-dir", remote.Path, "rev-parse", "refs/heads/main"));
        var verified = BundleOnDisk.All(repo.Combine(".evidence")).Single(b => b.Outcome == "verified");
        Assert.Equal(passing, (string)verified.Manifest["repo"]!["commit"]!);
        Assert.Equal("fail\n", File.ReadAllText(repo.Combine("state.txt")));
        AssertNoWorktreeLeft(repo.Path, (string)verified.Manifest["repo"]!["root"]!);
        SchemaValidator.AssertValid(verified.Path);
    }

    [Fact]
    public void A_clean_work_tree_at_the_pushed_commit_is_checked_in_place_and_deletions_need_no_evidence()
    {
        using var remote = BareRemote();
        using var repo = Project(remote.Path, "pass");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "hook", "install").ExitCode);

        var pushed = Processes.Run("git", ["push", "origin", "main", "main:topic"], repo.Path);

        Assert.True(pushed.ExitCode == 0, pushed.Stderr);
        Assert.Contains("refs/heads/main, refs/heads/topic at", pushed.Stderr, StringComparison.Ordinal);
        var bundle = BundleOnDisk.All(repo.Combine(".evidence")).Single();
        Assert.Equal(repo.Path, (string)bundle.Manifest["repo"]!["root"]!);
        Assert.Equal("verified", bundle.Outcome);

        var deleted = Processes.Run("git", ["push", "origin", "--delete", "topic"], repo.Path);

        Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        Assert.Contains("refs/heads/topic: deleted; no evidence needed", deleted.Stderr, StringComparison.Ordinal);
        Assert.Single(BundleOnDisk.All(repo.Combine(".evidence")));
    }

    [Fact]
    public void Each_pushed_ref_is_checked_and_one_failing_commit_refuses_the_push()
    {
        using var remote = BareRemote();
        using var repo = Project(remote.Path, "pass");
        Processes.Git(repo.Path, "checkout", "-q", "-b", "broken");
        repo.Write("state.txt", "fail\n");
        Processes.Git(repo.Path, "commit", "-q", "-am", "break it");
        var broken = Processes.Git(repo.Path, "rev-parse", "HEAD");
        Processes.Git(repo.Path, "checkout", "-q", "main");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "hook", "install").ExitCode);

        var refused = Processes.Run("git", ["push", "origin", "main", "broken"], repo.Path);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal(string.Empty, Processes.Git(repo.Path, "--git-dir", remote.Path, "for-each-ref"));
        var bundles = BundleOnDisk.All(repo.Combine(".evidence"));
        Assert.Contains(bundles, b => b.Outcome == "failed" && (string)b.Manifest["repo"]!["commit"]! == broken);
        Assert.DoesNotContain(bundles, b => b.Outcome == "failed" && (string)b.Manifest["repo"]!["commit"]! != broken);
    }

    [Fact]
    public void In_place_only_refuses_with_one_line_when_the_work_tree_is_not_the_pushed_commit()
    {
        using var remote = BareRemote();
        using var repo = Project(remote.Path, "pass");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "hook", "install", "--in-place").ExitCode);
        repo.Write("state.txt", "edited\n");

        var refused = Processes.Run("git", ["push", "origin", "main"], repo.Path);

        Assert.NotEqual(0, refused.ExitCode);
        var line = refused.Stderr.Split('\n').Single(l => l.Contains("EVD0807", StringComparison.Ordinal));
        Assert.Contains("refs/heads/main would send", line, StringComparison.Ordinal);
        Assert.Contains("the work tree has 1 uncommitted change(s)", line, StringComparison.Ordinal);
        Assert.Empty(BundleOnDisk.All(repo.Combine(".evidence")));
    }

    [Fact]
    public void A_pushed_commit_that_cannot_be_checked_out_refuses_the_push_and_still_leaves_a_bundle_that_says_why()
    {
        using var remote = BareRemote();
        using var repo = Project(remote.Path, "pass");
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "hook", "install").ExitCode);
        repo.Write("state.txt", "edited\n");
        // A temporary folder that is a file: neither the worktree nor any scratch file can be made there.
        var unusable = repo.Write(".git/not-a-folder", "x");

        var refused = Processes.Run("git", ["push", "origin", "main"], repo.Path, new Dictionary<string, string?> { ["TMPDIR"] = unusable });

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("error EVD0207: could not check out the pushed commit", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Processes.Git(repo.Path, "--git-dir", remote.Path, "for-each-ref"));
        var blocked = BundleOnDisk.All(repo.Combine(".evidence")).Single();
        Assert.Equal("blocked", blocked.Outcome);
        Assert.Contains(blocked.Json("errors.json")["errors"]!.AsArray(), e => ((string)e!["message"]!).StartsWith("could not check out the pushed commit", StringComparison.Ordinal));
        Assert.Contains(blocked.Missing, m => m.Path == "diff.patch");
        SchemaValidator.AssertValid(blocked.Path);
    }

    private static TempFolder BareRemote()
    {
        var remote = new TempFolder();
        Processes.Git(remote.Path, "init", "-q", "--bare");
        return remote;
    }

    /// <summary>A repository with evidence.yml and state.txt committed as <paramref name="state"/>, the store ignored as users do.</summary>
    private static TempFolder Project(string remote, string state)
    {
        var repo = TempRepo.Create();
        repo.Write("evidence.yml", Config);
        repo.Write("state.txt", state + "\n");
        repo.Write(".gitignore", ".evidence/\n");
        Processes.Git(repo.Path, "add", ".");
        Processes.Git(repo.Path, "commit", "-q", "-m", "project");
        Processes.Git(repo.Path, "remote", "add", "origin", remote);
        return repo;
    }

    private static void AssertNoWorktreeLeft(string repo, string worktree)
    {
        Assert.NotEqual(repo, worktree);
        Assert.False(Directory.Exists(worktree), $"{worktree} is still there");
        Assert.Equal(1, Processes.Git(repo, "worktree", "list", "--porcelain").Split('\n').Count(l => l.StartsWith("worktree ", StringComparison.Ordinal)));
    }
}
