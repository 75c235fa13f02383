using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Index;

/// <summary>
/// Which sealed runs <c>gc</c> deletes: those beyond the newest <see cref="Keep"/>, those older than
/// <see cref="OlderThan"/>, and the oldest ones while the store is over <see cref="MaxBytes"/>. Never the newest
/// verified run or the newest failed run; open runs are not sealed, so they are never candidates.
/// </summary>
public sealed record Retention
{
    private static readonly string[] ProtectedOutcomes = ["verified", "failed"];

    public int? Keep { get; init; }

    public TimeSpan? OlderThan { get; init; }

    public long? MaxBytes { get; init; }

    public bool IsEmpty => Keep is null && OlderThan is null && MaxBytes is null;

    /// <summary>The runs to delete, oldest first, from all runs newest first.</summary>
    public IReadOnlyList<IndexedRun> Select(IReadOnlyList<IndexedRun> newestFirst, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var protectedIds = ProtectedOutcomes
            .Select(o => newestFirst.FirstOrDefault(r => r.Outcome == o)?.Id)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var doomed = new HashSet<string>(StringComparer.Ordinal);
        if (Keep is { } keep)
        {
            doomed.UnionWith(newestFirst.Skip(keep).Select(r => r.Id));
        }

        if (OlderThan is { } age)
        {
            doomed.UnionWith(newestFirst.Where(r => r.StartedAt < now - age).Select(r => r.Id));
        }

        if (MaxBytes is { } max)
        {
            // Oldest first until what stays fits; protected runs stay and count.
            var total = newestFirst.Where(r => !doomed.Contains(r.Id)).Sum(r => r.Bytes);
            foreach (var run in newestFirst.Reverse())
            {
                if (total <= max)
                {
                    break;
                }

                if (!protectedIds.Contains(run.Id) && doomed.Add(run.Id))
                {
                    total -= run.Bytes;
                }
            }
        }

        return [.. newestFirst.Reverse().Where(r => doomed.Contains(r.Id) && !protectedIds.Contains(r.Id))];
    }

    /// <summary>
    /// Deletes one sealed bundle: renamed aside first, so a crash leaves no half bundle under its id. The folder is
    /// found from the run id inside the store's <c>runs/</c>, never from the row's path, and must be a real folder.
    /// </summary>
    public static void Delete(RunIndex index, IndexedRun run)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(run);
        var folder = RunFolder.Of(index.StoreRoot, run.Id);
        if (!Directory.Exists(folder) && new FileInfo(folder).LinkTarget is null)
        {
            index.Remove(run.Id);
            return;
        }

        if (RunFolder.Problem(folder) is { } problem)
        {
            throw new EvidenceException(new EvidenceError(Codes.BundleInvalid, $"run {run.Id} was not deleted: {problem}", "remove it by hand after checking where it points"));
        }

        var aside = Path.Combine(index.StoreRoot, BundleLayout.RunsFolder, BundleLayout.StagingFolder, ".deleting-" + run.Id);
        Directory.Move(folder, aside);
        index.Remove(run.Id);
        Directory.Delete(aside, recursive: true);
    }

    /// <summary>Folders a deletion left behind when its process died.</summary>
    public static void FinishDeletes(string storeRoot)
    {
        var staging = Path.Combine(storeRoot, BundleLayout.RunsFolder, BundleLayout.StagingFolder);
        if (Directory.Exists(staging))
        {
            foreach (var leftover in Directory.EnumerateDirectories(staging, ".deleting-*"))
            {
                Directory.Delete(leftover, recursive: true);
            }
        }
    }
}
