using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Git;

/// <summary>
/// Records the repository state into a bundle: the facts for the manifest, diff.patch of the work tree against its
/// base (untracked files included) and changed_files.json. Each fact is measured by its own git question; one that
/// cannot be answered is null in the facts and listed in the bundle's missing parts, never inferred from another.
/// </summary>
public static class GitSnapshot
{
    /// <param name="baseRef">Diff against the merge-base of HEAD and this ref (a PR's target, e.g. origin/main) instead of HEAD.</param>
    public static RepoFacts? Collect(RepoLocation location, string storeRoot, long diffBudget, BundleWriter bundle, string? baseRef = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(bundle);
        if (location.Root is not { } root)
        {
            MissingAll(bundle, location.ProblemCode!, location.Problem!);
            return null;
        }

        var git = new GitCli(root);
        var pathspec = RepoPathspec.WithoutStore(root, storeRoot);
        // Independent questions run side by side; each is a separate git process.
        var branchTask = Task.Run(() => RepoHead.Branch(git));
        var status = Task.Run(() => WorkTreeStatus.Read(git, pathspec));
        var remote = Task.Run(() => RepoRemote.Read(git));
        var commit = RepoHead.Commit(git);
        var branch = branchTask.Result;
        if (location.Shallow)
        {
            bundle.AddMissing("repo.history", Codes.ShallowClone, "shallow clone: history beyond the fetched depth is not available");
        }

        var diff = DiffRecording.Record(git, root, pathspec, location.IndexPath, commit, baseRef, diffBudget, bundle);
        AddMissing(bundle, "repo.commit", commit);
        AddMissing(bundle, "repo.branch", branch);
        AddMissing(bundle, "repo.remote", remote.Result);
        var dirty = Dirty(status.Result, diff, bundle);
        if (diff.Files is null)
        {
            bundle.AddMissing("repo.changed_files", diff.Code!, diff.Reason!);
        }

        return new RepoFacts(root, commit.Value, branch.Value, dirty, remote.Result.Value, location.Shallow, diff.Files?.Count);
    }

    /// <summary>
    /// Commit, branch and whether the work tree (the store excluded) is dirty, asked as <see cref="Collect"/> asks
    /// them; <c>Unknown</c> says why when git could not give one of them (a commit or branch that does not exist yet,
    /// as in a new repository, is not unknown: it is null).
    /// </summary>
    public static (string? Commit, string? Branch, bool Dirty, string? Unknown) Head(string root, string storeRoot)
    {
        var git = new GitCli(root);
        var commit = RepoHead.Commit(git);
        var branch = RepoHead.Branch(git);
        var (status, failure) = WorkTreeStatus.Read(git, RepoPathspec.WithoutStore(root, storeRoot));
        var unknown = status is null ? failure : new[] { commit, branch }.FirstOrDefault(f => f.Code == Codes.GitFailed)?.Reason;
        return (commit.Value, branch.Value, status?.Dirty ?? false, unknown);
    }

    /// <summary>
    /// From git status alone. When the diff against HEAD lists a path git status did not, the tree changed while it
    /// was being recorded: neither answer describes one moment, so the fact is unknown. (The other way round is no
    /// contradiction: status also reports changes only the index has, such as a change staged and then undone in the
    /// work tree, which the diff of the work tree rightly does not show.)
    /// </summary>
    private static bool? Dirty((WorkTreeStatus? Status, string? Failure) measured, DiffRecording diff, BundleWriter bundle)
    {
        if (measured.Status is not { } status)
        {
            bundle.AddMissing("repo.dirty", Codes.GitFailed, measured.Failure!);
            return null;
        }

        if (diff.AgainstHead && diff.Files is { } files && !files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal).IsSubsetOf(status.Paths))
        {
            bundle.AddMissing("repo.dirty", Codes.RepoChangedWhileRecorded, "the work tree changed while it was being recorded (git status and git diff disagree); run again when nothing writes to it");
            return null;
        }

        return status.Dirty;
    }

    private static void AddMissing(BundleWriter bundle, string field, RepoFact fact)
    {
        if (fact.Code is { } code)
        {
            bundle.AddMissing(field, code, fact.Reason!);
        }
    }

    private static void MissingAll(BundleWriter bundle, string code, string reason)
    {
        bundle.AddMissing("repo", code, reason);
        bundle.AddMissing(BundleLayout.Diff, code, reason);
        bundle.AddMissing(BundleLayout.ChangedFiles, code, reason);
    }
}
