namespace Dotlanth.Evidence.Stores;

/// <summary>
/// Keys under a remote store's prefix: <c>runs/&lt;id&gt;/…</c> holds the bundle exactly as on disk;
/// <c>index/runs/&lt;id&gt;.json</c> is its entry, copied under <c>index/commits/&lt;commit&gt;/</c> and
/// <c>index/outcomes/&lt;outcome&gt;/</c> so a filter is one listing, not a download per run.
/// </summary>
public sealed class StoreLayout(string prefix)
{
    public const string EntryName = Bundles.BundleLayout.StoreEntry;

    public string RunPrefix(string runId) => $"{prefix}runs/{runId}/";

    public string FileKey(string runId, string relativePath) => RunPrefix(runId) + relativePath;

    public string EntriesPrefix => $"{prefix}index/runs/";

    public string EntryKey(string runId) => $"{EntriesPrefix}{runId}.json";

    public string CommitPrefix(string commitOrPrefix) => $"{prefix}index/commits/{commitOrPrefix.ToLowerInvariant()}";

    public string CommitKey(string commit, string runId) => $"{prefix}index/commits/{commit.ToLowerInvariant()}/{runId}.json";

    public string OutcomePrefix(string outcome) => $"{prefix}index/outcomes/{outcome}/";

    public string OutcomeKey(string outcome, string runId) => $"{OutcomePrefix(outcome)}{runId}.json";

    /// <summary>The run id an entry key (any of the three kinds) names.</summary>
    public static string RunIdOfEntry(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = key[(key.LastIndexOf('/') + 1)..];
        return name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name;
    }
}
