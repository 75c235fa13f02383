using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Index;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A store folder (the layout every run writes: <c>runs/</c> and the index), shared over a file system: a network
/// mount, a synced folder, another checkout's <c>.evidence</c>. Bundles arrive through the same intake as imports.
/// </summary>
public sealed class FileSystemStore(StoreUri location, Action<string>? warn = null) : IArtifactStore
{
    private readonly string root = location?.FolderPath ?? throw new ArgumentException("not a folder store", nameof(location));

    public StoreUri Location { get; } = location;

    public Task<PushResult> PushAsync(string bundlePath, CancellationToken cancellationToken = default)
    {
        var bundle = BundleContents.Read(bundlePath);
        Directory.CreateDirectory(root);
        var aside = BundleIntake.Aside(root, "push");
        try
        {
            var landed = Path.Combine(aside, bundle.RunId);
            CopyFolder(bundlePath, landed, cancellationToken);
            var (_, present) = BundleIntake.Adopt(landed, root, bundlePath);
            return Task.FromResult(new PushResult(bundle.RunId, bundle.Digest, present, present ? 0 : bundle.Files.Count + 1, present ? bundle.Files.Count + 1 : 0, present ? 0 : bundle.Entry.Run.Bytes));
        }
        catch (EvidenceException conflict) when (conflict.Error.Code == Codes.ImportConflict)
        {
            throw new EvidenceException(conflict.Error with { Code = Codes.StoreConflict });
        }
        finally
        {
            Directory.Delete(aside, recursive: true);
        }
    }

    public Task<string> PullAsync(string runId, string destinationFolder, CancellationToken cancellationToken = default)
    {
        var source = Path.Combine(root, BundleLayout.RunsFolder, runId);
        if (!RunId.IsValid(runId) || !File.Exists(Path.Combine(source, BundleLayout.Manifest)))
        {
            throw new EvidenceException(new EvidenceError(Codes.RunNotFound, $"{root} holds no run {runId}", $"'dotnet evidence ls --store {root}' lists its runs"));
        }

        var target = Path.Combine(destinationFolder, runId);
        CopyFolder(source, target, cancellationToken);
        return Task.FromResult(target);
    }

    public Task<IReadOnlyList<StoredRun>> ListAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root))
        {
            return Task.FromResult<IReadOnlyList<StoredRun>>([]);
        }

        using var index = RunIndex.Open(root, warn ?? (_ => { }));
        IReadOnlyList<StoredRun> runs = [.. index.Query(query).Select(run => new StoredRun(run with { Checks = index.ChecksOf(run.Id) }, FileCount: 0))];
        return Task.FromResult(runs);
    }

    public Task<StoredRun?> FindAsync(string selector, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root))
        {
            return Task.FromResult<StoredRun?>(null);
        }

        using var index = RunIndex.Open(root, warn ?? (_ => { }));
        try
        {
            var path = RunSelector.Resolve(index, selector, root);
            return Task.FromResult(BundleFacts.Read(path) is { } run ? new StoredRun(run, FileCount: 0) : null);
        }
        catch (EvidenceException missing) when (missing.Error.Code == Codes.RunNotFound)
        {
            return Task.FromResult<StoredRun?>(null);
        }
    }

    public void Dispose()
    {
    }

    private static void CopyFolder(string source, string target, CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(source, file);
            // Control files of a staging folder never travel.
            if (Path.GetFileName(relative).StartsWith('.'))
            {
                continue;
            }

            var to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }
}
