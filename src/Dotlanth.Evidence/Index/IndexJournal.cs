using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Index;

/// <summary>
/// Sealing a bundle appends its id to <c>index.pending</c> (one short write under a flock) instead of opening the
/// SQLite index: a run never waits on the database, cannot be broken by it, and starts no slower as it grows.
/// Whoever reads the index next folds the pending ids in first.
/// </summary>
public static class IndexJournal
{
    public const string FileName = "index.pending";
    public const string LockFile = "index.lock";

    /// <summary>
    /// Makes a sealed bundle visible (<paramref name="makeVisible"/>: its rename into runs/) and queues its id in one
    /// hold of the journal, so a rebuild never finds a sealed bundle that is neither indexed nor pending. Returns null
    /// once queued, else why it was not (the bundle is visible and safe either way; 'reindex' adds it).
    /// </summary>
    public static string? Publish(string storeRoot, string runId, Action makeVisible)
    {
        ArgumentNullException.ThrowIfNull(makeVisible);
        FileLock held;
        try
        {
            held = Hold(storeRoot);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            makeVisible();
            return ex.Message;
        }

        using (held)
        {
            makeVisible();
            try
            {
                File.AppendAllText(Path.Combine(storeRoot, FileName), runId + "\n");
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return ex.Message;
            }
        }
    }

    /// <summary>Hands the pending ids to <paramref name="fold"/> and forgets them only once it succeeded.</summary>
    public static int Drain(string storeRoot, Action<IReadOnlyList<string>> fold)
    {
        ArgumentNullException.ThrowIfNull(fold);
        var path = Path.Combine(storeRoot, FileName);
        if (!File.Exists(path))
        {
            return 0;
        }

        using var held = FileLock.Acquire(Path.Combine(storeRoot, LockFile));
        var ids = File.ReadAllLines(path).Where(RunId.IsValid).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > 0)
        {
            fold(ids);
        }

        File.WriteAllBytes(path, []);
        return ids.Count;
    }

    /// <summary>Holds the journal still while the index is rebuilt from disk, after which nothing is pending.</summary>
    public static FileLock Hold(string storeRoot) => FileLock.Acquire(Path.Combine(storeRoot, LockFile));

    /// <summary>Only with <see cref="Hold"/> held.</summary>
    public static void Clear(string storeRoot)
    {
        var path = Path.Combine(storeRoot, FileName);
        if (File.Exists(path))
        {
            File.WriteAllBytes(path, []);
        }
    }

    public static bool HasPending(string storeRoot) => new FileInfo(Path.Combine(storeRoot, FileName)) is { Exists: true, Length: > 0 };
}
