using System.Security.Cryptography;
using Amazon.S3.Model;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A push to S3. Files go first (in parallel; large ones in parts), then bundle.json, then the entries: until the
/// manifest lands the run is not there for pull, ls or inspect. Every object is written with If-None-Match: * and
/// carries its sha256, so nothing is ever overwritten and a push that stopped part way resumes by skipping the files
/// already uploaded whole. The manifest is read back after writing for servers that ignore conditional writes.
/// Multipart uploads an earlier push of the run began and never finished (it was killed, or the server went away
/// before the abort could reach it) are aborted first: they are invisible, billed, and of no use to anyone.
/// </summary>
internal sealed class S3Upload(S3Connection s3, StoreLayout layout)
{
    public const long MultipartThreshold = 16L * 1024 * 1024;
    public const long MinPartSize = 8L * 1024 * 1024;
    private const int MaxParts = 10_000;
    private const int MultipartAttempts = 3;
    private int uploaded;
    private int skipped;
    private long bytes;

    public async Task<PushResult> PushAsync(BundleContents bundle, CancellationToken cancellationToken)
    {
        var aborted = await AbortLeftovers(bundle.RunId, cancellationToken).ConfigureAwait(false);
        var present = await s3.ListAsync(layout.RunPrefix(bundle.RunId), cancellationToken).ConfigureAwait(false);
        var manifestKey = layout.FileKey(bundle.RunId, BundleLayout.Manifest);
        if (present.ContainsKey(manifestKey))
        {
            await RequireSameManifest(bundle, cancellationToken).ConfigureAwait(false);
        }

        await Parallel.ForEachAsync(
            bundle.Files,
            new ParallelOptions { MaxDegreeOfParallelism = S3Connection.MaxConcurrentRequests, CancellationToken = cancellationToken },
            async (file, ct) => await PutFile(bundle, file, present, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var alreadyPresent = present.ContainsKey(manifestKey);
        if (!alreadyPresent)
        {
            var written = await s3.PutIfAbsentAsync(Request(manifestKey, bundle.Manifest, bundle.Digest), cancellationToken).ConfigureAwait(false);
            await RequireSameManifest(bundle, cancellationToken).ConfigureAwait(false);
            alreadyPresent = !written;
            if (written)
            {
                uploaded++;
                bytes += bundle.Manifest.LongLength;
            }
        }

        await PutEntries(bundle, cancellationToken).ConfigureAwait(false);
        return new PushResult(bundle.RunId, bundle.Digest, alreadyPresent && uploaded == 0, uploaded, skipped, bytes) { UploadsAborted = aborted };
    }

    /// <summary>
    /// Aborts every unfinished multipart upload under the run's prefix; returns how many. A concurrent push of the same
    /// run whose upload this aborts starts that file again (<see cref="PutMultipart"/>). A server without the
    /// listing call leaves its leftovers to a lifecycle rule.
    /// </summary>
    private async Task<int> AbortLeftovers(string runId, CancellationToken cancellationToken)
    {
        var aborted = 0;
        string? keyMarker = null;
        string? uploadMarker = null;
        do
        {
            var request = new ListMultipartUploadsRequest { BucketName = s3.Bucket, Prefix = layout.RunPrefix(runId), KeyMarker = keyMarker, UploadIdMarker = uploadMarker };
            var page = await s3.Send(
                async (c, ct) =>
                {
                    try
                    {
                        return await c.ListMultipartUploadsAsync(request, ct).ConfigureAwait(false);
                    }
                    catch (Amazon.S3.AmazonS3Exception unsupported) when (unsupported is { StatusCode: System.Net.HttpStatusCode.NotImplemented } or { ErrorCode: "NotImplemented" })
                    {
                        return null;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var upload in page?.MultipartUploads ?? [])
            {
                var abort = new AbortMultipartUploadRequest { BucketName = s3.Bucket, Key = upload.Key, UploadId = upload.UploadId };
                aborted += await s3.Send(
                    async (c, ct) =>
                    {
                        try
                        {
                            await c.AbortMultipartUploadAsync(abort, ct).ConfigureAwait(false);
                            return 1;
                        }
                        catch (Amazon.S3.AmazonS3Exception gone) when (gone.ErrorCode == "NoSuchUpload")
                        {
                            return 0;
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            (keyMarker, uploadMarker) = page?.IsTruncated == true ? (page.NextKeyMarker, page.NextUploadIdMarker) : (null, null);
        }
        while (keyMarker is not null);
        return aborted;
    }

    private async Task PutFile(BundleContents bundle, BundleContents.Item file, Dictionary<string, long> present, CancellationToken cancellationToken)
    {
        var key = layout.FileKey(bundle.RunId, file.RelativePath);
        if (present.ContainsKey(key))
        {
            await RequireSameObject(bundle.RunId, key, file, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref skipped);
            return;
        }

        var path = Path.Combine(bundle.Path, file.RelativePath);
        var written = file.Bytes >= MultipartThreshold
            ? await PutMultipart(key, path, file, cancellationToken).ConfigureAwait(false)
            : await s3.PutIfAbsentAsync(Request(key, path, file.Sha256), cancellationToken).ConfigureAwait(false);
        if (!written)
        {
            // Another push of this run got there first: fine if it wrote the same bytes.
            await RequireSameObject(bundle.RunId, key, file, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref skipped);
            return;
        }

        Interlocked.Increment(ref uploaded);
        Interlocked.Add(ref bytes, file.Bytes);
    }

    private async Task<bool> PutMultipart(string key, string path, BundleContents.Item file, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PutMultipartOnce(key, path, file, cancellationToken).ConfigureAwait(false);
            }
            catch (UploadAbortedException) when (attempt < MultipartAttempts)
            {
                if (await s3.HeadAsync(key, cancellationToken).ConfigureAwait(false) is not null)
                {
                    return false;
                }
            }
        }
    }

    private async Task<bool> PutMultipartOnce(string key, string path, BundleContents.Item file, CancellationToken cancellationToken)
    {
        var partSize = Math.Max(MinPartSize, (file.Bytes + MaxParts - 1) / MaxParts);
        var parts = (int)((file.Bytes + partSize - 1) / partSize);
        var start = new InitiateMultipartUploadRequest { BucketName = s3.Bucket, Key = key, ContentType = "application/octet-stream" };
        start.Metadata.Add(S3Connection.Sha256Metadata, file.Sha256);
        var upload = await s3.Send((c, ct) => c.InitiateMultipartUploadAsync(start, ct), cancellationToken).ConfigureAwait(false);
        try
        {
            var tags = new PartETag[parts];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, parts),
                new ParallelOptions { MaxDegreeOfParallelism = S3Connection.MaxConcurrentRequests, CancellationToken = cancellationToken },
                async (index, ct) =>
                {
                    var offset = index * partSize;
                    var part = new UploadPartRequest
                    {
                        BucketName = s3.Bucket,
                        Key = key,
                        UploadId = upload.UploadId,
                        PartNumber = index + 1,
                        FilePath = path,
                        FilePosition = offset,
                        PartSize = Math.Min(partSize, file.Bytes - offset),
                        UseChunkEncoding = s3.ChunkEncoding,
                    };
                    var response = await s3.Send((c, t) => Aborted(c.UploadPartAsync(part, t)), ct).ConfigureAwait(false);
                    tags[index] = new PartETag(index + 1, response.ETag);
                }).ConfigureAwait(false);

            var complete = new CompleteMultipartUploadRequest { BucketName = s3.Bucket, Key = key, UploadId = upload.UploadId, PartETags = [.. tags], IfNoneMatch = "*" };
            return await s3.Send(
                async (c, ct) =>
                {
                    try
                    {
                        await c.CompleteMultipartUploadAsync(complete, ct).ConfigureAwait(false);
                        return true;
                    }
                    catch (Amazon.S3.AmazonS3Exception exists) when (S3Connection.IsPreconditionFailed(exists))
                    {
                        return false;
                    }
                    catch (Amazon.S3.AmazonS3Exception gone) when (gone.ErrorCode == "NoSuchUpload")
                    {
                        throw new UploadAbortedException($"the upload of {key} was aborted under this push", gone);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Parts of an unfinished upload are invisible but billed: give them back when the server can be reached.
            await AbortQuietly(key, upload.UploadId).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<T> Aborted<T>(Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Amazon.S3.AmazonS3Exception gone) when (gone.ErrorCode == "NoSuchUpload")
        {
            throw new UploadAbortedException("the upload was aborted under this push", gone);
        }
    }

    private async Task AbortQuietly(string key, string uploadId)
    {
        try
        {
            using var soon = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await s3.Client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = s3.Bucket, Key = key, UploadId = uploadId }, soon.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException or OperationCanceledException or IOException)
        {
            // The push already failed for a reason worth reporting; a lifecycle rule cleans up what is left.
        }
    }

    private async Task PutEntries(BundleContents bundle, CancellationToken cancellationToken)
    {
        var entry = System.Text.Encoding.UTF8.GetBytes(bundle.Entry.ToJson().ToJsonString());
        var sha = Convert.ToHexStringLower(SHA256.HashData(entry));
        var keys = new List<string> { layout.EntryKey(bundle.RunId), layout.OutcomeKey(bundle.Entry.Run.Outcome, bundle.RunId) };
        if (bundle.Entry.Run.Commit is { } commit)
        {
            keys.Add(layout.CommitKey(commit, bundle.RunId));
        }

        // An entry left by an earlier push of this bundle says the same thing; never rewrite it.
        await Task.WhenAll(keys.Select(key => s3.PutIfAbsentAsync(Request(key, entry, sha), cancellationToken))).ConfigureAwait(false);
    }

    private async Task RequireSameManifest(BundleContents bundle, CancellationToken cancellationToken)
    {
        var remote = await s3.GetBytesAsync(layout.FileKey(bundle.RunId, BundleLayout.Manifest), cancellationToken).ConfigureAwait(false);
        var digest = remote is null ? null : Convert.ToHexStringLower(SHA256.HashData(remote));
        if (digest != bundle.Digest)
        {
            throw Conflict(bundle.RunId, $"the store holds run {bundle.RunId} with another bundle (digest {digest?[..12] ?? "none"}…, this one is {bundle.Digest[..12]}…)");
        }
    }

    private async Task RequireSameObject(string runId, string key, BundleContents.Item file, CancellationToken cancellationToken)
    {
        var head = await s3.HeadAsync(key, cancellationToken).ConfigureAwait(false);
        if (head is not { } found || found.Size != file.Bytes || found.Sha256 != file.Sha256)
        {
            throw Conflict(runId, $"the store holds {file.RelativePath} of run {runId} with other contents");
        }
    }

    private EvidenceException Conflict(string runId, string message) =>
        new(new EvidenceError(Codes.StoreConflict, $"{s3.Location}: {message}", $"a run id is written once; 'dotnet evidence pull {runId} --from {s3.Location}' shows what the store holds"));

    private static PutObjectRequest Request(string key, string path, string sha256)
    {
        var request = new PutObjectRequest { Key = key, FilePath = path, ContentType = "application/octet-stream" };
        request.Metadata.Add(S3Connection.Sha256Metadata, sha256);
        return request;
    }

    private static PutObjectRequest Request(string key, byte[] content, string sha256)
    {
        var request = new PutObjectRequest { Key = key, InputStream = new MemoryStream(content), ContentType = "application/json" };
        request.Metadata.Add(S3Connection.Sha256Metadata, sha256);
        return request;
    }
}
