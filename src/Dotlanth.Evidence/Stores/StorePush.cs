using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A push from a local store, as every front end makes it (push, and the push after a seal): the local bundle is
/// only read, and the attempt is recorded in the store's push journal whatever happens, so a failure can be retried.
/// </summary>
public static class StorePush
{
    public static PushResult Push(string bundlePath, string storeText, IRedactor redactor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundlePath);
        var bundle = Path.GetFullPath(bundlePath);
        var localStore = Path.GetDirectoryName(Path.GetDirectoryName(bundle)!)!;
        var runId = Path.GetFileName(bundle);
        var location = StoreUri.Parse(storeText, Environment.CurrentDirectory);
        try
        {
            using var store = ArtifactStores.Open(location);
            var result = store.PushAsync(bundle, cancellationToken).GetAwaiter().GetResult();
            PushJournal.Succeeded(localStore, runId, storeText, redactor);
            return result;
        }
        catch (EvidenceException failed)
        {
            PushJournal.Failed(localStore, runId, storeText, failed.Error, redactor);
            throw;
        }
    }

    /// <summary>Every push of <paramref name="localStore"/> still pending (to <paramref name="onlyTo"/>, when given), retried in order.</summary>
    public static IReadOnlyList<(PushJournal.Entry Entry, PushResult? Result, EvidenceError? Error)> PushPending(string localStore, string? onlyTo, IRedactor redactor)
    {
        var outcomes = new List<(PushJournal.Entry, PushResult?, EvidenceError?)>();
        ArgumentNullException.ThrowIfNull(redactor);
        foreach (var entry in PushJournal.PendingEntries(localStore).Where(p => onlyTo is null || p.Store == redactor.Redact(onlyTo)))
        {
            var target = onlyTo ?? entry.Store;
            if (target.Contains("[REDACTED:", StringComparison.Ordinal))
            {
                outcomes.Add((entry, null, new EvidenceError(Codes.PushFailed, "the store of this pending push has credentials in its URI, which the journal keeps masked", "retry with 'push --pending --store URI'")));
                continue;
            }

            try
            {
                outcomes.Add((entry, Push(Path.Combine(localStore, Bundles.BundleLayout.RunsFolder, entry.RunId), target, redactor), null));
            }
            catch (EvidenceException stillFailing)
            {
                outcomes.Add((entry, null, stillFailing.Error));
            }
        }

        return outcomes;
    }
}
