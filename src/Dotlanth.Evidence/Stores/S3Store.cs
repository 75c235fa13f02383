using System.Globalization;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Index;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// An S3-compatible bucket as a store (AWS S3, MinIO, Ceph, moto...). Listing reads entry keys, whose names carry the
/// run id (and so the start time), then only the entries it shows: a filter by commit or outcome is one listing.
/// </summary>
public sealed class S3Store : IArtifactStore
{
    private readonly S3Connection s3;
    private readonly StoreLayout layout;

    public S3Store(StoreUri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        s3 = new S3Connection(location);
        layout = new StoreLayout(location.Prefix);
    }

    public StoreUri Location => s3.Location;

    public Task<PushResult> PushAsync(string bundlePath, CancellationToken cancellationToken = default) =>
        new S3Upload(s3, layout).PushAsync(BundleContents.Read(bundlePath), cancellationToken);

    public Task<string> PullAsync(string runId, string destinationFolder, CancellationToken cancellationToken = default) =>
        new S3Download(s3, layout).PullAsync(runId, destinationFolder, cancellationToken);

    public async Task<IReadOnlyList<StoredRun>> ListAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var prefix = query.Commit is { } commit ? layout.CommitPrefix(commit)
            : query.Outcome is { } outcome ? layout.OutcomePrefix(outcome)
            : layout.EntriesPrefix;
        var ids = (await s3.ListAsync(prefix, cancellationToken).ConfigureAwait(false)).Keys
            .Select(StoreLayout.RunIdOfEntry)
            .Where(id => RunId.IsValid(id) && (query.Since is null || StartSecond(id) >= query.Since.Value.AddSeconds(-1)))
            .Distinct(StringComparer.Ordinal)
            .OrderDescending(StringComparer.Ordinal)
            .ToList();

        // Newest first, a batch at a time, until the limit is met: a listing reads only the entries it shows. Ids order
        // runs by start second only, so runs of the second at the limit are all read and ordered by start time.
        var runs = new List<StoredRun>();
        var at = 0;
        while (at < ids.Count && (runs.Count < query.Limit || SameSecond(ids[at], ids[at - 1])))
        {
            var batch = ids.Skip(at).Take(S3Connection.MaxConcurrentRequests).ToList();
            var entries = await Task.WhenAll(batch.Select(id => ReadEntry(id, cancellationToken))).ConfigureAwait(false);
            runs.AddRange(entries.OfType<StoredRun>().Where(run => run.Matches(query)));
            at += batch.Count;
        }

        return [.. runs.OrderByDescending(r => r.Run.StartedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Take(query.Limit)];
    }

    private static bool SameSecond(string a, string b) => string.CompareOrdinal(a, 0, b, 0, 20) == 0;

    public async Task<StoredRun?> FindAsync(string selector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var latest = selector switch
        {
            "last" => new RunQuery { Limit = 1 },
            "last-failed" => new RunQuery { Outcome = "failed", Limit = 1 },
            "last-verified" => new RunQuery { Outcome = "verified", Limit = 1 },
            _ => null,
        };
        if (latest is not null)
        {
            return (await ListAsync(latest, cancellationToken).ConfigureAwait(false)) is [var newest, ..] ? newest : null;
        }

        if (RunId.IsValid(selector))
        {
            return await ReadEntry(selector, cancellationToken).ConfigureAwait(false);
        }

        var matches = (await s3.ListAsync(layout.EntriesPrefix + selector, cancellationToken).ConfigureAwait(false)).Keys.Select(StoreLayout.RunIdOfEntry).Where(RunId.IsValid).Order(StringComparer.Ordinal).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => await ReadEntry(matches[0], cancellationToken).ConfigureAwait(false),
            _ => throw new EvidenceException(new EvidenceError(Codes.RunAmbiguous, $"'{selector}' matches {matches.Count} runs in {Location}: {string.Join(", ", matches.Take(5))}{(matches.Count > 5 ? ", …" : string.Empty)}", "give more of the run id")),
        };
    }

    public void Dispose() => s3.Dispose();

    private async Task<StoredRun?> ReadEntry(string runId, CancellationToken cancellationToken)
    {
        var bytes = await s3.GetBytesAsync(layout.EntryKey(runId), cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : StoredRun.Parse(bytes, $"{Location}/runs/{runId}");
    }

    private static DateTimeOffset StartSecond(string runId) =>
        DateTimeOffset.ParseExact(runId[..20], "yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
