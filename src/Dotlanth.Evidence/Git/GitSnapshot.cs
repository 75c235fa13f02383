using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Git;

/// <summary>
/// Records the repository state into a bundle: facts for the manifest, diff.patch of the working tree against HEAD
/// (untracked files included, through a throwaway index so the user's index is never touched) and changed_files.json.
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
        // Independent questions run side by side; each is a separate git process.
        var head = Task.Run(() => git.Run("rev-parse", "--verify", "-q", "HEAD^{commit}"));
        var symbolic = Task.Run(() => git.Run("symbolic-ref", "-q", "--short", "HEAD"));
        var remote = Task.Run(() => FirstRemote(git));
        var commit = head.Result.Ok ? head.Result.Stdout.Trim() : null;
        if (commit is null)
        {
            bundle.AddMissing("repo.commit", Codes.NoCommits, "the repository has no commits yet; the diff is against an empty tree");
        }

        var branch = symbolic.Result.Ok ? symbolic.Result.Stdout.Trim() : null;
        if (branch is null)
        {
            bundle.AddMissing("repo.branch", Codes.DetachedHead, "HEAD is detached; no branch name");
        }

        if (location.Shallow)
        {
            bundle.AddMissing("repo.history", Codes.ShallowClone, "shallow clone: history beyond the fetched depth is not available");
        }

        var diffBase = commit is null ? null : BaseFor(git, commit, baseRef, bundle);
        var changed = RecordDiff(git, root, diffBase, baseRef is not null && diffBase != commit ? baseRef : null, location.IndexPath, storeRoot, diffBudget, bundle);
        if (remote.Result is null)
        {
            bundle.AddMissing("repo.remote", Codes.NoRemote, "the repository has no remote");
        }

        var dirty = diffBase == commit ? changed is { Count: > 0 } : IsDirty(git, root, storeRoot);
        return new RepoFacts(root, commit, branch, dirty, remote.Result, location.Shallow, changed?.Count ?? 0);
    }

    private static void MissingAll(BundleWriter bundle, string code, string reason)
    {
        bundle.AddMissing("repo", code, reason);
        bundle.AddMissing(BundleLayout.Diff, code, reason);
        bundle.AddMissing(BundleLayout.ChangedFiles, code, reason);
    }

    private static string? FirstRemote(GitCli git)
    {
        var remotes = git.Run("config", "--get-regexp", @"^remote\..*\.url$");
        if (!remotes.Ok)
        {
            return null;
        }

        var entries = remotes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2)
            .ToList();
        var chosen = entries.FirstOrDefault(e => e[0] == "remote.origin.url") ?? entries.FirstOrDefault();
        return chosen is null ? null : RemoteUrl.StripCredentials(chosen[1]);
    }

    /// <summary>Whether the work tree differs from HEAD (tracked changes or untracked files), store excluded.</summary>
    private static bool IsDirty(GitCli git, string root, string storeRoot)
    {
        var status = git.Run(["status", "--porcelain", "--untracked-files=normal", "--", .. PathSpec(root, storeRoot)]);
        return !status.Ok || status.Stdout.Length > 0;
    }

    /// <summary>The merge-base with the base ref, or HEAD (with the reason listed) when it cannot be found.</summary>
    private static string BaseFor(GitCli git, string head, string? baseRef, BundleWriter bundle)
    {
        if (baseRef is null)
        {
            return head;
        }

        var mergeBase = git.Run("merge-base", "HEAD", baseRef + "^{commit}");
        if (mergeBase.Ok)
        {
            return mergeBase.Stdout.Trim();
        }

        bundle.AddMissing(
            "changed_files.json#base",
            Codes.DiffBaseNotFound,
            $"no merge-base with '{baseRef}' ({mergeBase.Stderr.Split('\n')[0]}); the diff is against HEAD (fetch the base branch, or deepen a shallow clone)");
        return head;
    }

    private static List<ChangedFile>? RecordDiff(
        GitCli git, string root, string? commit, string? baseRef, string? indexPath, string storeRoot, long diffBudget, BundleWriter bundle)
    {
        var tempIndex = Path.Combine(Path.GetTempPath(), $"evidence-index-{Guid.NewGuid():N}");
        try
        {
            if (indexPath is not null && File.Exists(indexPath))
            {
                File.Copy(indexPath, tempIndex);
            }

            var scoped = git.WithEnvironment("GIT_INDEX_FILE", tempIndex);
            var pathspec = PathSpec(root, storeRoot);
            var add = scoped.Run(["add", "--all", "--intent-to-add", "--", .. pathspec]);
            if (!add.Ok)
            {
                Fail(bundle, $"git add --intent-to-add failed: {add.Stderr}");
                return null;
            }

            var baseRev = commit ?? EmptyTree(git);
            string[] common = ["-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff", "--no-renames", baseRev];
            var patchTask = Task.Run(() => WritePatch(scoped, common, pathspec, diffBudget, bundle));
            var names = scoped.Run([.. common, "--name-status", "-z", "--", .. pathspec]);
            var patch = patchTask.Result;
            if (patch is null)
            {
                return null;
            }

            if (!names.Ok)
            {
                bundle.Delete(BundleLayout.Diff);
                Fail(bundle, $"git diff --name-status failed: {names.Stderr}");
                return null;
            }

            var changed = ParseNameStatus(names.Stdout, root);
            WriteChangedFiles(bundle, changed, patch, diffBudget, baseRev, baseRef);
            return changed;
        }
        finally
        {
            File.Delete(tempIndex);
        }
    }

    /// <summary>The whole work tree except the store; where the store is the work tree itself, except what the tool keeps there.</summary>
    private static string[] PathSpec(string root, string storeRoot)
    {
        var store = Path.GetFullPath(storeRoot);
        IEnumerable<string> excluded = Path.GetRelativePath(root, store) == "." ? BundleLayout.StoreEntries.Select(e => Path.Combine(store, e)) : [store];
        var relative = Path.GetRelativePath(root, store);
        var inside = !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        return inside
            ? [":/", .. excluded.Select(e => $":(top,exclude){Path.GetRelativePath(root, e).Replace('\\', '/')}")]
            : [":/"];
    }

    private static string EmptyTree(GitCli git)
    {
        var tree = git.Run("hash-object", "-t", "tree", "/dev/null");
        return tree.Ok ? tree.Stdout.Trim() : "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    }

    private static List<ChangedFile> ParseNameStatus(string output, string root)
    {
        var result = new List<ChangedFile>();
        var parts = output.Split('\0');
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            var status = parts[i];
            var path = parts[i + 1];
            if (status.Length == 0)
            {
                break;
            }

            var full = Path.Combine(root, path);
            var info = new FileInfo(full);
            if (status[0] != 'D' && info.Exists && info.LinkTarget is null)
            {
                using var stream = info.OpenRead();
                result.Add(new ChangedFile(path, status, info.Length, Convert.ToHexStringLower(SHA256.HashData(stream))));
            }
            else
            {
                result.Add(new ChangedFile(path, status, null, null));
            }
        }

        return result;
    }

    /// <summary>Null when git failed; the failure is already listed as missing.</summary>
    private static BudgetedFileSink? WritePatch(GitCli git, string[] common, string[] pathspec, long budget, BundleWriter bundle)
    {
        var sink = new BudgetedFileSink(bundle.PathOf(BundleLayout.Diff), budget);
        using (sink)
        {
            // The runner completes the sink when git's output ends.
            var result = git.RunInto(bundle.Redactor.Wrap(sink), [.. common, "--", .. pathspec]);
            if (!result.Ok)
            {
                bundle.Delete(BundleLayout.Diff);
                Fail(bundle, $"git diff failed: {result.Stderr}");
                return null;
            }
            else if (sink.OverBudget)
            {
                bundle.Delete(BundleLayout.Diff);
                bundle.AddMissing(
                    BundleLayout.Diff,
                    Codes.DiffOverBudget,
                    $"the patch is {sink.BytesTotal} bytes, over the {budget}-byte budget; changed_files.json keeps its size, sha256 and per-file checksums");
            }
        }

        return sink;
    }

    private static void WriteChangedFiles(BundleWriter bundle, List<ChangedFile> changed, BudgetedFileSink patch, long budget, string baseRev, string? baseRef)
    {
        bundle.WriteJson(BundleLayout.ChangedFiles, new JsonObject
        {
            ["schema_version"] = BundleLayout.SchemaVersion,
            ["base"] = baseRev,
            ["base_ref"] = baseRef,
            ["patch"] = new JsonObject
            {
                ["path"] = BundleLayout.Diff,
                ["included"] = !patch.OverBudget,
                ["bytes"] = patch.BytesTotal,
                ["sha256"] = patch.Sha256,
                ["budget_bytes"] = budget,
            },
            ["files"] = new JsonArray([.. changed.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Path,
                ["status"] = StatusName(f.Status),
                ["bytes"] = f.Bytes,
                ["sha256"] = f.Sha256,
            })]),
        });
    }

    private static string StatusName(string letter) => letter[0] switch
    {
        'A' => "added",
        'M' => "modified",
        'D' => "deleted",
        'T' => "type-changed",
        'U' => "unmerged",
        _ => "other",
    };

    private static void Fail(BundleWriter bundle, string reason)
    {
        bundle.AddMissing(BundleLayout.Diff, Codes.GitFailed, reason);
        bundle.AddMissing(BundleLayout.ChangedFiles, Codes.GitFailed, reason);
    }
}
