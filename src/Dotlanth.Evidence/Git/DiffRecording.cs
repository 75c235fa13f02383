using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Git;

/// <summary>
/// diff.patch and changed_files.json of one run, or missing entries that say why not. <see cref="Files"/> is null
/// exactly when the changed files are unknown (then <see cref="Code"/> and <see cref="Reason"/> say why).
/// </summary>
internal sealed record DiffRecording(List<ChangedFile>? Files, bool AgainstHead, string? Code, string? Reason)
{
    public static DiffRecording Record(GitCli git, string root, string[] pathspec, string? indexPath, RepoFact commit, string? baseRef, long budget, BundleWriter bundle)
    {
        if (commit.Value is null && commit.Code != Codes.NoCommits)
        {
            // Diffing against an empty tree would present every file as added: unknown, not guessed.
            return Fail(bundle, Codes.GitFailed, "the HEAD commit is unknown, so there is nothing to diff against: " + commit.Reason);
        }

        var baseRev = commit.Value ?? EmptyTree(git);
        if (baseRev is null)
        {
            return Fail(bundle, Codes.GitFailed, "git could not name the empty tree to diff an unborn branch against");
        }

        var (diffBase, usedRef) = commit.Value is null || baseRef is null ? (baseRev, null) : MergeBase(git, commit.Value, baseRef, bundle);
        using var diff = new WorkTreeDiff(git, pathspec, indexPath);
        if (diff.Prepare() is { } failure)
        {
            return Fail(bundle, Codes.GitFailed, failure);
        }

        var patchTask = Task.Run(() => WritePatch(diff, diffBase, budget, bundle));
        var (files, namesFailure) = diff.ChangedFiles(diffBase, root);
        BudgetedFileSink? patch;
        string? patchFailure;
        try
        {
            (patch, patchFailure) = patchTask.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            bundle.RecordWriteFailure(".", ex);
            return Fail(bundle, Codes.BundleWriteFailed, $"{BundleLayout.Diff} could not be written ({Values.StorageFaults.Describe(ex)}); the changed files are unknown");
        }

        if (patch?.Failure is { } writeFailure)
        {
            bundle.RecordWriteFailure(".", new IOException(writeFailure));
            DeleteQuietly(bundle);
            return Fail(bundle, Codes.BundleWriteFailed, $"{BundleLayout.Diff} could not be written ({writeFailure}); the changed files are unknown");
        }

        if (patch is null || files is null)
        {
            DeleteQuietly(bundle);
            return Fail(bundle, Codes.GitFailed, patchFailure ?? namesFailure!);
        }

        if (diff.Unreadable.Count > 0)
        {
            bundle.AddMissing(
                BundleLayout.ChangedFiles + "#sha256",
                Codes.ChangedFileUnreadable,
                $"{diff.Unreadable.Count} changed file(s) could not be read for their digest (first: {diff.Unreadable[0]}); their sha256 and bytes are null");
        }

        Write(bundle, files, patch, budget, diffBase, usedRef);
        return new DiffRecording(files, diffBase == baseRev, null, null);
    }

    /// <summary>The merge-base with the base ref, or HEAD (with the reason listed) when it cannot be found.</summary>
    private static (string Base, string? Ref) MergeBase(GitCli git, string head, string baseRef, BundleWriter bundle)
    {
        var mergeBase = git.Run("merge-base", "HEAD", baseRef + "^{commit}");
        if (mergeBase.Ok)
        {
            return (mergeBase.Stdout.Trim(), baseRef);
        }

        bundle.AddMissing(
            BundleLayout.ChangedFiles + "#base",
            Codes.DiffBaseNotFound,
            $"no merge-base with '{baseRef}' ({(mergeBase.Stderr.Length == 0 ? "no common ancestor in the fetched history" : mergeBase.Problem)}); the diff is against HEAD (fetch the base branch, or deepen a shallow clone)");
        return (head, null);
    }

    internal static string? EmptyTree(GitCli git)
    {
        // Asked of git rather than spelled out: SHA-256 repositories name the empty tree differently.
        var tree = git.Run("hash-object", "-t", "tree", "/dev/null");
        return tree.Ok ? tree.Stdout.Trim() : null;
    }

    private static (BudgetedFileSink? Patch, string? Failure) WritePatch(WorkTreeDiff diff, string baseRev, long budget, BundleWriter bundle)
    {
        var sink = new BudgetedFileSink(bundle.PathOf(BundleLayout.Diff), budget);
        using (sink)
        {
            // The runner completes the sink when git's output ends.
            var result = diff.WritePatch(baseRev, bundle.Redactor.Wrap(sink));
            if (!result.Ok)
            {
                return (null, $"git diff failed: {result.Problem}");
            }
        }

        if (sink.OverBudget)
        {
            bundle.Delete(BundleLayout.Diff);
            bundle.AddMissing(
                BundleLayout.Diff,
                Codes.DiffOverBudget,
                $"the patch is {sink.BytesTotal} bytes, over the {budget}-byte budget; changed_files.json keeps its size, sha256 and per-file checksums");
        }

        return (sink, null);
    }

    private static void Write(BundleWriter bundle, List<ChangedFile> changed, BudgetedFileSink patch, long budget, string baseRev, string? baseRef)
    {
        bundle.WriteJson(BundleLayout.ChangedFiles, new JsonObject
        {
            [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
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
                [BundleFields.Status] = StatusName(f.Status),
                ["bytes"] = f.Bytes,
                ["sha256"] = f.Sha256,
            })]),
        });
    }

    private static void DeleteQuietly(BundleWriter bundle)
    {
        try
        {
            bundle.Delete(BundleLayout.Diff);
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            // Nothing more to lose: the missing entry says the patch is not there.
        }
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

    private static DiffRecording Fail(BundleWriter bundle, string code, string reason)
    {
        bundle.AddMissing(BundleLayout.Diff, code, reason);
        bundle.AddMissing(BundleLayout.ChangedFiles, code, reason);
        return new DiffRecording(null, false, code, reason);
    }
}
