using Amazon.S3.Model;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A pull from S3: every object under the run's prefix into a folder, in parallel, large ones as ranged parts
/// written in place. Only a run whose manifest is there can be pulled; the caller verifies what arrived.
/// </summary>
internal sealed class S3Download(S3Connection s3, StoreLayout layout)
{
    private const long RangeSize = 8L * 1024 * 1024;

    public async Task<string> PullAsync(string runId, string destinationFolder, CancellationToken cancellationToken)
    {
        var prefix = layout.RunPrefix(runId);
        var objects = await s3.ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        if (!objects.ContainsKey(prefix + BundleLayout.Manifest))
        {
            throw new EvidenceException(new EvidenceError(
                Codes.RunNotFound,
                objects.Count == 0 ? $"{s3.Location} holds no run {runId}" : $"{s3.Location} holds only part of run {runId}: its push did not finish",
                objects.Count == 0 ? $"'dotnet evidence ls --store {s3.Location}' lists its runs" : $"run 'dotnet evidence push {runId}' where the run was made; it resumes"));
        }

        var target = Path.Combine(destinationFolder, runId);
        Directory.CreateDirectory(target);
        await Parallel.ForEachAsync(
            objects,
            new ParallelOptions { MaxDegreeOfParallelism = S3Connection.MaxConcurrentRequests, CancellationToken = cancellationToken },
            async (item, ct) => await Fetch(item.Key, Path.Combine(target, Relative(prefix, item.Key)), item.Value, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return target;
    }

    private static string Relative(string prefix, string key)
    {
        var relative = key[prefix.Length..];
        // The store is not trusted: a key must name a file inside the run's folder.
        if (relative.Length == 0 || relative.StartsWith('/') || relative.Contains('\\', StringComparison.Ordinal)
            || relative.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new EvidenceException(new EvidenceError(Codes.StoreRunInvalid, $"the store has an object '{key}' that is not a file of the run", "the store was written by something else; nothing was pulled"));
        }

        return relative;
    }

    private async Task Fetch(string key, string path, long size, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous, size);
        if (size < 2 * RangeSize)
        {
            await FetchRange(key, handle, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var ranges = (int)((size + RangeSize - 1) / RangeSize);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ranges),
            new ParallelOptions { MaxDegreeOfParallelism = S3Connection.MaxConcurrentRequests, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var start = index * RangeSize;
                await FetchRange(key, handle, new ByteRange(start, Math.Min(size, start + RangeSize) - 1), ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private Task<long> FetchRange(string key, Microsoft.Win32.SafeHandles.SafeFileHandle handle, ByteRange? range, CancellationToken cancellationToken) => s3.Send(
        async (c, ct) =>
        {
            var request = new GetObjectRequest { BucketName = s3.Bucket, Key = key, ByteRange = range };
            using var response = await c.GetObjectAsync(request, ct).ConfigureAwait(false);
            var offset = range?.Start ?? 0;
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                int read;
                while ((read = await response.ResponseStream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, read), offset, ct).ConfigureAwait(false);
                    offset += read;
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }

            return offset;
        },
        cancellationToken);
}
