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

        // Newest first, a batch at a time, until the limit is met: a listing reads only the entries it shows.
        var runs = new List<StoredRun>();
        for (var at = 0; at < ids.Count && runs.Count < query.Limit; at += S3Connection.MaxConcurrentRequests)
        {
            var batch = ids.Skip(at).Take(S3Connection.MaxConcurrentRequests);
            var entries = await Task.WhenAll(batch.Select(id => ReadEntry(id, cancellationToken))).ConfigureAwait(false);
            runs.AddRange(entries.OfType<StoredRun>().Where(run => run.Matches(query)));
        }

        return runs.Take(query.Limit).ToList();
    }

    public async Task<StoredRun?> FindAsync(string selector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var latestOf = selector switch
        {
            "last" => layout.EntriesPrefix,
            "last-failed" => layout.OutcomePrefix("failed"),
            "last-verified" => layout.OutcomePrefix("verified"),
            _ => null,
        };
        if (latestOf is not null)
        {
            var newest = (await s3.ListAsync(latestOf, cancellationToken).ConfigureAwait(false)).Keys.Select(StoreLayout.RunIdOfEntry).Where(RunId.IsValid).Order(StringComparer.Ordinal).LastOrDefault();
            return newest is null ? null : await ReadEntry(newest, cancellationToken).ConfigureAwait(false);
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
