using System.Globalization;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Sealing;

/// <summary>
/// Staging folders nobody will finish: the process that owns one is gone (checked by pid and start time), or the
/// <c>end</c> that closed an open run died. Open runs are never stale (a step or the end may still come), and a folder
/// whose owner is alive is left alone.
/// </summary>
public static class StaleStaging
{
    public static IReadOnlyList<string> Find(string storeRoot)
    {
        var staging = Path.Combine(storeRoot, BundleLayout.RunsFolder, BundleLayout.StagingFolder);
        if (!Directory.Exists(staging))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(staging)
            .Where(d => RunId.IsValid(Path.GetFileName(d)))
            .Where(StaleUnlessGone)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Staging folders whose creation was cut short (the process died before renaming it to its run id). They hold
    /// at most an owner marker, never evidence.
    /// </summary>
    public static IReadOnlyList<string> AbandonedCreations(string storeRoot)
    {
        var staging = Path.Combine(storeRoot, BundleLayout.RunsFolder, BundleLayout.StagingFolder);
        return Directory.Exists(staging)
            ? [.. Directory.EnumerateDirectories(staging, BundleWriter.CreatingPrefix + "*").Where(AbandonedNow)]
            : [];
    }

    /// <summary>Open runs still waiting for steps or an end, for the user to end or leave.</summary>
    public static IReadOnlyList<string> OpenRuns(string storeRoot)
    {
        var staging = Path.Combine(storeRoot, BundleLayout.RunsFolder, BundleLayout.StagingFolder);
        return Directory.Exists(staging)
            ? [.. Directory.EnumerateDirectories(staging).Where(d => UnlessGone(d, () => OpenRun.At(d) is { } run && !run.EndDied())).Order(StringComparer.Ordinal)]
            : [];
    }

    public static bool IsStale(string stagingPath)
    {
        if (OpenRun.At(stagingPath) is { } open)
        {
            return open.EndDied();
        }

        // No marker: the folder is being created, or sealing has begun (it removes control files first); give it time.
        return Owner(stagingPath) is { } owner ? !ProcessTree.IsAlive(owner) : !FreshlyTouched(stagingPath);
    }

    /// <summary>
    /// A folder sealed by its owner or recovered by another housekeeper while it was being looked at is gone, not
    /// stale: concurrent housekeeping is normal and no reason to stop looking at the others.
    /// </summary>
    private static bool StaleUnlessGone(string stagingPath) => UnlessGone(stagingPath, () => IsStale(stagingPath));

    private static bool UnlessGone(string stagingPath, Func<bool> check)
    {
        try
        {
            return check();
        }
        catch (IOException) when (!Directory.Exists(stagingPath))
        {
            return false;
        }
    }

    private static ProcessTree.Member? Owner(string stagingPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(stagingPath, BundleLayout.OwnerMarker));
        }
        catch (IOException)
        {
            return null;
        }

        var parts = text.Split(' ', '\n', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 1 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? new ProcessTree.Member(pid, parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : ProcessTree.Find(pid)?.StartTime ?? -1)
            : null;
    }

    /// <summary>
    /// Abandoned when the process its name records is gone (the name is there from the first instant, unlike the
    /// marker). A creation that finishes meanwhile renames its folder away: gone is not abandoned.
    /// </summary>
    private static bool AbandonedNow(string creating)
    {
        var parts = Path.GetFileName(creating)[BundleWriter.CreatingPrefix.Length..].Split('-');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return !ProcessTree.IsAlive(new ProcessTree.Member(pid, start));
        }

        return StaleUnlessGone(creating);
    }

    /// <summary>A folder without an owner marker changed in the last minute may still be in someone's hands.</summary>
    private static bool FreshlyTouched(string stagingPath) =>
        Directory.EnumerateFileSystemEntries(stagingPath, "*", SearchOption.AllDirectories)
            .Select(p => File.GetLastWriteTimeUtc(p))
            .Append(Directory.GetLastWriteTimeUtc(stagingPath))
            .Max() > DateTime.UtcNow - TimeSpan.FromMinutes(1);
}
