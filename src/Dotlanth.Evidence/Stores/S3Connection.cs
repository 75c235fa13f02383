using System.Net;
using System.Net.Sockets;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using Amazon.S3.Model;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// One client for one store, with the store's endpoint, region, path style, timeout and retries (the SDK's standard
/// mode: exponential backoff with jitter on throttling, 5xx and network errors). Every call goes through
/// <see cref="Send{T}"/>, which bounds concurrent requests and turns SDK failures into one clear error.
/// </summary>
public sealed class S3Connection : IDisposable
{
    public const int MaxConcurrentRequests = 8;
    private readonly SemaphoreSlim gate = new(MaxConcurrentRequests);

    public S3Connection(StoreUri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = location;
        var config = new AmazonS3Config
        {
            ForcePathStyle = location.PathStyle,
            Timeout = location.Timeout,
            MaxErrorRetry = location.Retries,
            RetryMode = RequestRetryMode.Standard,
        };
        var endpoint = location.Endpoint ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3") ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        var region = location.Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        if (!string.IsNullOrEmpty(endpoint))
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
            // Many S3-compatible servers store aws-chunked bodies with trailing checksums as they arrive (framing
            // included); send plain bodies to them. Integrity stays end to end: every file's sha256 is checked on pull.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
            ChunkEncoding = false;
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        Endpoint = string.IsNullOrEmpty(endpoint) ? "AWS S3" : endpoint;
        Client = location.Profile is { } profile
            ? new AmazonS3Client(ProfileCredentials(profile), config)
            : new AmazonS3Client(config);
    }

    public StoreUri Location { get; }

    public IAmazonS3 Client { get; }

    public string Bucket => Location.Bucket!;

    /// <summary>aws-chunked (streaming) signing of bodies: AWS only; other servers get plain, fully signed bodies.</summary>
    public bool ChunkEncoding { get; } = true;

    private string Endpoint { get; }

    public async Task<T> Send<T>(Func<IAmazonS3, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(Client, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } error)
        {
            throw new EvidenceException(error);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Every key under <paramref name="prefix"/> with its size.</summary>
    public async Task<Dictionary<string, long>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, long>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await Send((s3, ct) => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, ContinuationToken = token }, ct), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                keys[item.Key] = item.Size ?? 0;
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    /// <summary>The object's bytes, or null when there is none.</summary>
    public Task<byte[]?> GetBytesAsync(string key, CancellationToken cancellationToken) => Send<byte[]?>(
        async (s3, ct) =>
        {
            try
            {
                using var response = await s3.GetObjectAsync(Bucket, key, ct).ConfigureAwait(false);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, ct).ConfigureAwait(false);
                return buffer.ToArray();
            }
            catch (AmazonS3Exception missing) when (IsNotFound(missing))
            {
                return null;
            }
        },
        cancellationToken);

    /// <summary>The object's size and recorded sha256, or null when there is none.</summary>
    public Task<(long Size, string? Sha256)?> HeadAsync(string key, CancellationToken cancellationToken) => Send<(long, string?)?>(
        async (s3, ct) =>
        {
            try
            {
                var head = await s3.GetObjectMetadataAsync(Bucket, key, ct).ConfigureAwait(false);
                return (head.ContentLength, head.Metadata[Sha256Metadata]);
            }
            catch (AmazonS3Exception missing) when (IsNotFound(missing))
            {
                return null;
            }
        },
        cancellationToken);

    /// <summary>Writes the object unless one exists already: false then (a conditional write where the server honours it).</summary>
    public Task<bool> PutIfAbsentAsync(PutObjectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.BucketName = Bucket;
        request.IfNoneMatch = "*";
        request.UseChunkEncoding = ChunkEncoding;
        return Send(
            async (s3, ct) =>
            {
                try
                {
                    await s3.PutObjectAsync(request, ct).ConfigureAwait(false);
                    return true;
                }
                catch (AmazonS3Exception exists) when (IsPreconditionFailed(exists))
                {
                    return false;
                }
            },
            cancellationToken);
    }

    /// <summary>The metadata every uploaded object carries, so a resumed push can tell its own objects apart.</summary>
    public const string Sha256Metadata = "x-amz-meta-sha256";

    public static bool IsPreconditionFailed(AmazonS3Exception ex) =>
        ex is { StatusCode: HttpStatusCode.PreconditionFailed } or { ErrorCode: "PreconditionFailed" or "ConditionalRequestConflict" };

    private static bool IsNotFound(AmazonS3Exception ex) => ex is { StatusCode: HttpStatusCode.NotFound, ErrorCode: not "NoSuchBucket" } or { ErrorCode: "NoSuchKey" };

    public void Dispose()
    {
        Client.Dispose();
        gate.Dispose();
    }

    private EvidenceError? Translate(Exception ex, CancellationToken cancellationToken)
    {
        if (ex is EvidenceException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return null;
        }

        var where = Location.ToString();
        return ex switch
        {
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } =>
                new EvidenceError(Codes.StoreBucketMissing, $"{where}: bucket '{Bucket}' does not exist at {Endpoint}", $"create it (aws s3 mb s3://{Bucket}) or fix the store URI"),
            AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden } or AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" or "ExpiredToken" or "InvalidToken" } =>
                new EvidenceError(Codes.StoreAccessDenied, $"{where}: access denied by {Endpoint} ({((AmazonS3Exception)ex).ErrorCode}: {ex.Message.TrimEnd('.')})", "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and the bucket's permissions"),
            AmazonS3Exception s3 =>
                new EvidenceError(Codes.StoreUnreachable, $"{where}: {Endpoint} answered {(int)s3.StatusCode} {s3.ErrorCode}: {ex.Message.TrimEnd('.')}", "retry later; a push resumes where it stopped"),
            AmazonClientException when ex.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase) =>
                new EvidenceError(Codes.StoreAccessDenied, $"{where}: no AWS credentials found", "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or profile= in the store URI"),
            HttpRequestException or SocketException or IOException or TimeoutException or OperationCanceledException or AmazonClientException =>
                new EvidenceError(Codes.StoreUnreachable, $"{where}: {Endpoint} could not be reached after {Location.Retries} retries ({Innermost(ex)})", "check the endpoint and the network, or raise timeout= and retries=; a push resumes where it stopped"),
            _ => null,
        };
    }

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner)
        {
            ex = inner;
        }

        return ex is OperationCanceledException or TimeoutException ? "timed out" : ex.Message.TrimEnd('.');
    }

    private static AWSCredentials ProfileCredentials(string profile) =>
        new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)
            ? credentials
            : throw new EvidenceException(new EvidenceError(Codes.StoreAccessDenied, $"AWS profile '{profile}' was not found", "define it in ~/.aws/credentials or ~/.aws/config, or drop profile= from the store URI"));
}
