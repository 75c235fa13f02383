using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>
/// A real S3-compatible server on 127.0.0.1, started by build/start-s3.sh (moto, or s3rver from npm). The suite
/// shares one (the one .ci/run started, named by EVIDENCE_TEST_S3_ENV, else one of its own); tests that stop or
/// lock down a server start a private one.
/// </summary>
public sealed class S3Server : IDisposable
{
    private static readonly Lazy<S3Server> SharedServer = new(StartShared);
    private readonly string? _ownedDir;

    private S3Server(string envFile, string? ownedDir)
    {
        var values = File.ReadAllLines(envFile).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        Endpoint = values["EVIDENCE_TEST_S3_ENDPOINT"];
        AccessKey = values["EVIDENCE_TEST_S3_ACCESS_KEY"];
        SecretKey = values["EVIDENCE_TEST_S3_SECRET_KEY"];
        Pid = int.Parse(values["EVIDENCE_TEST_S3_PID"], System.Globalization.CultureInfo.InvariantCulture);
        Kind = values["EVIDENCE_TEST_S3_KIND"];
        _ownedDir = ownedDir;
    }

    public static S3Server Shared => SharedServer.Value;

    public string Endpoint { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public int Pid { get; }

    public string Kind { get; }

    /// <summary>The environment a CLI process needs to reach this server (and nothing else of the caller's AWS setup).</summary>
    public Dictionary<string, string?> Env() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = null,
        ["AWS_ENDPOINT_URL_S3"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>A store URI for a new bucket of its own (so tests never see each other's runs).</summary>
    public string NewStore(string prefix = "team", string extra = "")
    {
        var bucket = "evidence-" + Guid.NewGuid().ToString("N")[..12];
        using var client = Client();
        client.PutBucketAsync(bucket).GetAwaiter().GetResult();
        return $"s3://{bucket}/{prefix}?endpoint={Endpoint}&path_style=true{extra}";
    }

    public AmazonS3Client Client() =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    /// <summary>Every key of the store's bucket under its prefix.</summary>
    public List<string> Keys(string store)
    {
        var (bucket, prefix) = BucketOf(store);
        using var client = Client();
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token }).GetAwaiter().GetResult();
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    /// <summary>Writes an object under the store's prefix directly, as something other than the tool would.</summary>
    public void Put(string store, string relativeKey, byte[] content)
    {
        var (bucket, prefix) = BucketOf(store);
        using var client = Client();
        client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = prefix + relativeKey, InputStream = new MemoryStream(content) }).GetAwaiter().GetResult();
    }

    public byte[] Get(string store, string relativeKey)
    {
        var (bucket, prefix) = BucketOf(store);
        using var client = Client();
        using var response = client.GetObjectAsync(bucket, prefix + relativeKey).GetAwaiter().GetResult();
        using var buffer = new MemoryStream();
        response.ResponseStream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static (string Bucket, string Prefix) BucketOf(string store)
    {
        var path = store["s3://".Length..].Split('?')[0];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (path, string.Empty) : (path[..slash], path[(slash + 1)..].TrimEnd('/') + "/");
    }

    /// <summary>A server of this test's own, optionally checking signatures against one IAM user.</summary>
    public static S3Server StartPrivate(bool auth = false)
    {
        var dir = Directory.CreateTempSubdirectory("evidence-s3-").FullName;
        var env = Processes.Run("bash", [Script, "--dir", dir, "--watch", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), .. auth ? new[] { "--auth" } : []], dir, timeoutSeconds: 300);
        Assert.True(env.ExitCode == 0, $"build/start-s3.sh failed: {env.Stderr}");
        return new S3Server(env.Stdout.Trim(), dir);
    }

    public void Signal(string signal) => Processes.Run("kill", [$"-{signal}", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], "/");

    public void Dispose()
    {
        if (_ownedDir is not null)
        {
            Processes.Run("bash", [Script, "--stop", "--dir", _ownedDir], _ownedDir);
            try
            {
                Directory.Delete(_ownedDir, recursive: true);
            }
            catch (IOException)
            {
                // The server may still be writing its log as it stops.
            }
        }
    }

    private static string Script => Path.Combine(SchemaValidator.RepoRoot, "build", "start-s3.sh");

    private static S3Server StartShared()
    {
        if (Environment.GetEnvironmentVariable("EVIDENCE_TEST_S3_ENV") is { Length: > 0 } file && File.Exists(file))
        {
            return new S3Server(file, null);
        }

        var server = StartPrivate();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }
}
