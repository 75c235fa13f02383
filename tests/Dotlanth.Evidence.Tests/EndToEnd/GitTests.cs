using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

public sealed class GitTests
{
    [Fact]
    public void Diff_includes_modified_and_untracked_files_and_leaves_the_index_alone()
    {
        using var repo = TempRepo.Create();
        repo.Write("src/app.txt", "line one\nline two\n");
        repo.Write("notes/new-file.txt", "brand new\n");
        var indexBefore = File.ReadAllBytes(repo.Combine(".git", "index"));
        var statusBefore = Processes.Git(repo.Path, "status", "--porcelain");

        var result = EvidenceCli.Run(repo.Path, "run", "--", "true");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(indexBefore, File.ReadAllBytes(repo.Combine(".git", "index")));
        Assert.Equal(statusBefore, Processes.Git(repo.Path, "status", "--porcelain"));
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        var patch = bundle.Text("diff.patch");
        Assert.Contains("+line two", patch, StringComparison.Ordinal);
        Assert.Contains("+++ b/notes/new-file.txt", patch, StringComparison.Ordinal);
        Assert.DoesNotContain(".evidence", patch, StringComparison.Ordinal);
        var files = bundle.Json("changed_files.json")["files"]!.AsArray();
        var added = files.Single(f => (string)f!["path"]! == "notes/new-file.txt")!;
        Assert.Equal("added", (string)added["status"]!);
        Assert.Equal("5a9a2ec1a0c3e3d4d3b1cd4e2c4e83c5d35e6f0e95dce2bb3c5c1a57e7bc2e5e".Length, ((string)added["sha256"]!).Length);
        Assert.Equal(Sha256Of(repo.Combine("notes/new-file.txt")), (string)added["sha256"]!);
        var repoFacts = bundle.Manifest["repo"]!;
        Assert.Equal(Processes.Git(repo.Path, "rev-parse", "HEAD"), (string)repoFacts["commit"]!);
        Assert.Equal("main", (string)repoFacts["branch"]!);
        Assert.True((bool)repoFacts["dirty"]!);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_clean_tree_is_not_dirty_and_the_store_folder_never_appears_in_the_diff()
    {
        using var repo = TempRepo.Create();
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "run", "--", "true").ExitCode);
        var run = EvidenceCli.Run(repo.Path, "run", "--", "true");
        Assert.Equal(0, run.ExitCode);

        var second = BundleOnDisk.Of(run, repo.Combine(".evidence"));
        Assert.False((bool)second.Manifest["repo"]!["dirty"]!);
        Assert.Equal(string.Empty, second.Text("diff.patch"));
        Assert.Empty(second.Json("changed_files.json")["files"]!.AsArray());
    }

    [Fact]
    public void Remote_urls_lose_their_credentials()
    {
        using var repo = TempRepo.Create();
        Processes.Git(repo.Path, "remote", "add", "origin", "https://ci-user:hunter2-password@git.example.com/team/app.git");

        EvidenceCli.Run(repo.Path, "run", "--", "true");

        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("https://git.example.com/team/app.git", (string)bundle.Manifest["repo"]!["remote"]!);
        Assert.DoesNotContain("hunter2", File.ReadAllText(Path.Combine(bundle.Path, "bundle.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_git_repository_gives_a_well_formed_bundle_that_lists_what_is_missing()
    {
        using var folder = new TempFolder();
        var result = EvidenceCli.Run(folder.Path, "run", "--", "true");

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.Equal("verified", bundle.Outcome);
        Assert.Null(bundle.Manifest["repo"]);
        Assert.Contains(("diff.patch", "EVD0201"), bundle.Missing);
        Assert.Contains(("changed_files.json", "EVD0201"), bundle.Missing);
        Assert.False(bundle.Has("diff.patch"));
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Git_missing_from_path_gives_a_well_formed_bundle()
    {
        using var folder = new TempFolder();
        var env = new Dictionary<string, string?> { ["PATH"] = folder.Path };
        var result = EvidenceCli.Run(folder.Path, ["run", "--", "/bin/sh", "-c", "exit 0"], env);

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(folder.Combine(".evidence"));
        Assert.Contains(("diff.patch", "EVD0202"), bundle.Missing);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void No_commits_yet_diffs_against_the_empty_tree()
    {
        using var repo = TempRepo.Create(commit: false);
        repo.Write("first.txt", "first\n");

        var result = EvidenceCli.Run(repo.Path, "run", "--", "true");

        Assert.Equal(0, result.ExitCode);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Contains(("repo.commit", "EVD0203"), bundle.Missing);
        Assert.Null(bundle.Manifest["repo"]!["commit"]);
        Assert.Equal("main", (string)bundle.Manifest["repo"]!["branch"]!);
        Assert.Contains("+++ b/first.txt", bundle.Text("diff.patch"), StringComparison.Ordinal);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Detached_head_lists_the_branch_as_missing()
    {
        using var repo = TempRepo.Create();
        Processes.Git(repo.Path, "checkout", "-q", "--detach", "HEAD");

        EvidenceCli.Run(repo.Path, "run", "--", "true");

        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Contains(("repo.branch", "EVD0204"), bundle.Missing);
        Assert.Null(bundle.Manifest["repo"]!["branch"]);
        Assert.NotNull(bundle.Manifest["repo"]!["commit"]);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Shallow_clone_is_recorded_as_such()
    {
        using var origin = TempRepo.Create();
        origin.Write("second.txt", "2\n");
        Processes.Git(origin.Path, "add", ".");
        Processes.Git(origin.Path, "commit", "-q", "-m", "second");
        using var parent = new TempFolder();
        Processes.Git(parent.Path, "clone", "-q", "--depth", "1", "file://" + origin.Path, "clone");
        var clone = Path.Combine(parent.Path, "clone");

        EvidenceCli.Run(clone, "run", "--", "true");

        var bundle = BundleOnDisk.Only(Path.Combine(clone, ".evidence"));
        Assert.True((bool)bundle.Manifest["repo"]!["shallow"]!);
        Assert.Contains(("repo.history", "EVD0205"), bundle.Missing);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_patch_over_budget_is_replaced_by_checksums()
    {
        using var repo = TempRepo.Create();
        repo.Write("big.txt", string.Concat(Enumerable.Repeat("0123456789abcdef\n", 1000)));

        EvidenceCli.Run(repo.Path, "run", "--max-diff", "1KiB", "--", "true");

        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.False(bundle.Has("diff.patch"));
        Assert.Contains(("diff.patch", "EVD0206"), bundle.Missing);
        var changed = bundle.Json("changed_files.json");
        Assert.False((bool)changed["patch"]!["included"]!);
        Assert.True((long)changed["patch"]!["bytes"]! > 1024);
        Assert.Equal(Sha256Of(repo.Combine("big.txt")), (string)changed["files"]!.AsArray().Single()!["sha256"]!);
        bundle.AssertIntegrity();
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void Store_defaults_to_the_repository_root_from_a_subfolder()
    {
        using var repo = TempRepo.Create();
        EvidenceCli.Run(repo.Combine("src"), "run", "--", "true");

        Assert.Single(BundleOnDisk.All(repo.Combine(".evidence")));
        Assert.False(Directory.Exists(repo.Combine("src", ".evidence")));
    }

    [Fact]
    public void A_deleted_file_has_no_digest_even_when_an_ignored_copy_is_on_disk()
    {
        using var repo = TempRepo.Create();
        Processes.Git(repo.Path, "rm", "-q", "--cached", "src/app.txt");
        repo.Write(".gitignore", "src/app.txt\n");

        EvidenceCli.Run(repo.Path, "run", "--", "true");

        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        var deleted = bundle.Json("changed_files.json")["files"]!.AsArray().Single(f => (string)f!["path"]! == "src/app.txt")!;
        Assert.Equal("deleted", (string)deleted["status"]!);
        Assert.Null(deleted["sha256"]);
        Assert.Null(deleted["bytes"]);
        SchemaValidator.AssertValid(bundle.Path);
    }

    [Fact]
    public void A_store_in_an_existing_folder_leaves_the_users_gitignore_alone_and_stays_out_of_the_diff()
    {
        using var repo = TempRepo.Create();
        repo.Write("untracked.txt", "u\n");

        EvidenceCli.Run(repo.Path, "run", "--out", ".", "--", "true");
        var run = EvidenceCli.Run(repo.Path, "run", "--out", ".", "--", "true");

        Assert.False(File.Exists(repo.Combine(".gitignore")));
        var second = BundleOnDisk.Of(run, repo.Path);
        var files = second.Json("changed_files.json")["files"]!.AsArray().Select(f => (string)f!["path"]!).ToList();
        Assert.Equal(["untracked.txt"], files);
        Assert.DoesNotContain("runs/", second.Text("diff.patch"), StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_base_diffs_against_the_merge_base_with_the_target_branch()
    {
        using var repo = TempRepo.Create();
        var mainCommit = Processes.Git(repo.Path, "rev-parse", "HEAD");
        Processes.Git(repo.Path, "checkout", "-q", "-b", "feature");
        repo.Write("feature.txt", "committed on the branch\n");
        Processes.Git(repo.Path, "add", ".");
        Processes.Git(repo.Path, "commit", "-q", "-m", "feature work");
        repo.Write("wip.txt", "not committed\n");

        var withBase = EvidenceCli.Run(repo.Path, "run", "--diff-base", "main", "--", "true");
        var missing = EvidenceCli.Run(repo.Path, "run", "--diff-base", "origin/nowhere", "--", "true");

        var bundle = BundleOnDisk.Of(withBase, repo.Combine(".evidence"));
        var changed = bundle.Json("changed_files.json");
        Assert.Equal(mainCommit, (string)changed["base"]!);
        Assert.Equal("main", (string)changed["base_ref"]!);
        Assert.Equal(["feature.txt", "wip.txt"], changed["files"]!.AsArray().Select(f => (string)f!["path"]!).Order());
        Assert.True((bool)bundle.Manifest["repo"]!["dirty"]!);
        SchemaValidator.AssertValid(bundle.Path);

        var fallback = BundleOnDisk.Of(missing, repo.Combine(".evidence"));
        Assert.Contains(("changed_files.json#base", "EVD0209"), fallback.Missing);
        Assert.Equal(["wip.txt"], fallback.Json("changed_files.json")["files"]!.AsArray().Select(f => (string)f!["path"]!));
        SchemaValidator.AssertValid(fallback.Path);
    }

    private static string Sha256Of(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
