using Dotlanth.Evidence.Index;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A place sealed bundles are kept and shared: a folder or an S3-compatible bucket. Runs are written once: a second
/// push of the same bundle is a no-op, of a different bundle under the same id a conflict. A run becomes visible
/// only when its manifest is in place, and is listed through a small index entry written beside it.
/// </summary>
public interface IArtifactStore : IDisposable
{
    StoreUri Location { get; }

    /// <summary>Copies a sealed bundle in; resumes a push that failed part way.</summary>
    Task<PushResult> PushAsync(string bundlePath, CancellationToken cancellationToken = default);

    /// <summary>Copies a run out into <paramref name="destinationFolder"/>/&lt;run id&gt; and verifies it there.</summary>
    Task<string> PullAsync(string runId, string destinationFolder, CancellationToken cancellationToken = default);

    /// <summary>The runs matching <paramref name="query"/>, newest first, read from index entries alone.</summary>
    Task<IReadOnlyList<StoredRun>> ListAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>The run an id, a unique id prefix, or last / last-failed / last-verified names; null when none.</summary>
    Task<StoredRun?> FindAsync(string selector, CancellationToken cancellationToken = default);
}
