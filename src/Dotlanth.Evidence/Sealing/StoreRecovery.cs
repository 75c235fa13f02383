using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Sealing;

/// <summary>Recovers every stale staging folder of a store; one failure does not stop the others.</summary>
public static class StoreRecovery
{
    private const string RecoverLock = ".recover.lock";

    public static IReadOnlyList<(string RunId, SealedBundle? Bundle, string? Failure)> RecoverAll(
        string storeRoot, IReadOnlyDictionary<string, string> environment, TextWriter messages, string? skipRunId = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var abandoned in StaleStaging.AbandonedCreations(storeRoot))
        {
            try
            {
                Directory.Delete(abandoned, recursive: true);
            }
            catch (IOException) when (!Directory.Exists(abandoned))
            {
                // Another housekeeper took it first (maybe while this one was deleting it).
            }
        }

        var stale = StaleStaging.Find(storeRoot).Where(p => Path.GetFileName(p) != skipRunId).ToList();
        if (stale.Count == 0)
        {
            return [];
        }

        var redactor = Redactor.Create(environment);
        var results = new List<(string, SealedBundle?, string?)>();
        foreach (var staging in stale)
        {
            var id = Path.GetFileName(staging);
            FileLock held;
            try
            {
                // Two processes may find the same folder; the second waits, then finds it gone.
                held = FileLock.Acquire(Path.Combine(staging, RecoverLock));
            }
            catch (IOException)
            {
                continue;
            }

            try
            {
                if (Directory.Exists(staging) && StaleStaging.IsStale(staging))
                {
                    results.Add((id, RunRecovery.Seal(staging, redactor, messages), null));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException)
            {
                // A folder that vanished meanwhile was sealed by its owner or recovered by another housekeeper:
                // concurrent housekeeping is normal, not a failure.
                if (Directory.Exists(staging))
                {
                    results.Add((id, null, ex.Message));
                }
            }
            finally
            {
                held.Dispose();
            }
        }

        return results;
    }
}
