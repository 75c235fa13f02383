using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Runs;

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
            PushJournal.Succeeded(localStore, runId, storeText);
            return result;
        }
        catch (EvidenceException failed)
        {
            PushJournal.Failed(localStore, runId, storeText, failed.Error, redactor);
            throw;
        }
    }

    /// <summary>
    /// The store every sealed bundle of a run is pushed to: <c>--store</c> when it names one, else an
    /// <c>s3://</c> <c>store</c> in the evidence.yml the run uses (or would find); null when there is none.
    /// </summary>
    public static string? TargetOf(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PushTo is not null || options.Config is not null)
        {
            return options.PushTo ?? options.Config?.RemoteStore;
        }

        if (Config.ConfigLocator.Find(options.WorkingDirectory) is not { } path)
        {
            return null;
        }

        try
        {
            return Config.ConfigLoader.Load(path).RemoteStore;
        }
        catch (Config.ConfigException)
        {
            // A broken evidence.yml is the run's to report (a run with a command does not read it otherwise).
            return null;
        }
    }
}
