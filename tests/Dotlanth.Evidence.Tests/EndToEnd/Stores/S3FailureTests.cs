using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Stores;

/// <summary>Pushes that fail: a server stopped mid-upload, and credentials the server refuses. Each test has a server of its own.</summary>
public sealed class S3FailureTests
{
    [Fact]
    public async Task A_server_stopped_mid_upload_shows_nothing_partial_and_the_retried_push_resumes()
    {
        using var server = S3Server.StartPrivate();
        using var repo = TempRepo.Create();
        var bundle = StoreRuns.WithArtifacts(repo, [.. Enumerable.Repeat(3.0, 40)]);
        string store;
        Process push;
        Task<string> stderr;
        var attempt = 0;
        while (true)
        {
            // The stop must come while the files are going up. The native tool pushes 120 MB in about a second, so
            // the push can get past them (even finish) between seeing its first object and the stop: then the
            // scenario did not happen, and it is set up again.
            store = server.NewStore($"team{attempt}", "&timeout=2s&retries=1");
            push = Processes.Start(EvidenceCli.Executable, EvidenceCli.Args(["push", "last", "--to", store]), repo.Path, server.Env());
            stderr = push.StandardError.ReadToEndAsync();
            var watch = Stopwatch.StartNew();
            while (!server.Keys(store).Any(k => k.Contains("/runs/", StringComparison.Ordinal)) && watch.Elapsed < TimeSpan.FromSeconds(60) && !push.HasExited)
            {
                Thread.Sleep(1);
            }

            server.Signal("STOP");
            var missed = push.HasExited && push.ExitCode == 0;
            try
            {
                Assert.True(push.WaitForExit(120_000), "the push did not give up on a stopped server");
            }
            finally
            {
                server.Signal("CONT");
            }

            // The manifest landing means the stop came after the files: too late for this scenario.
            missed |= server.Keys(store).Any(k => k.EndsWith("/bundle.json", StringComparison.Ordinal));
            if (!missed || ++attempt == 5)
            {
                break;
            }

            File.Delete(repo.Combine(".evidence", "pushes", bundle.Id() + ".json"));
        }

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("error EVD1004:", await stderr, StringComparison.Ordinal);
        var partial = server.Keys(store);
        Assert.NotEmpty(partial);
        // However far the data got, the manifest never landed: the stop came before the push could finish.
        Assert.True(partial.Count <= bundle.Manifest["files"]!.AsArray().Count, $"{partial.Count} objects: more than the bundle's files");
        Assert.DoesNotContain(partial, k => k.EndsWith("/bundle.json", StringComparison.Ordinal) || k.Contains("/index/", StringComparison.Ordinal));

        // Not visible as a run anywhere, and the local bundle is untouched, with the failure on record.
        var env = server.Env();
        Assert.Empty(IndexTestsLines(EvidenceCli.Run(repo.Path, ["ls", "--store", store, "--json"], env)));
        var pull = EvidenceCli.Run(repo.Path, ["pull", bundle.Id(), "--from", store, "--out", repo.Combine("elsewhere")], env);
        Assert.Equal(2, pull.ExitCode);
        Assert.Contains("only part of run", pull.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", bundle.Id()).ExitCode);
        var record = JsonNode.Parse(File.ReadAllText(repo.Combine(".evidence", "pushes", bundle.Id() + ".json")))!;
        Assert.Equal("pending", (string)record["status"]!);
        Assert.Equal("EVD1004", (string)record["error"]!["code"]!);

        var retry = EvidenceCli.Run(repo.Path, ["push", "--pending"], env, timeoutSeconds: 300);
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains("already there from an earlier attempt", retry.Stderr, StringComparison.Ordinal);
        Assert.Equal("pushed", (string)JsonNode.Parse(File.ReadAllText(repo.Combine(".evidence", "pushes", bundle.Id() + ".json")))!["status"]!);
        var pulled = EvidenceCli.Run(repo.Path, ["pull", bundle.Id(), "--from", store, "--out", repo.Combine("elsewhere")], env);
        Assert.True(pulled.ExitCode == 0, pulled.Stderr);
        Assert.Equal(StoreRuns.Files(bundle.Path), StoreRuns.Files(repo.Combine("elsewhere", "runs", bundle.Id())));
    }

    [Fact]
    public void An_upload_a_failed_push_left_unfinished_is_aborted_when_the_server_is_back()
    {
        using var server = S3Server.StartPrivate();
        using var repo = TempRepo.Create();
        var run = BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", "sh", "-c", "echo built"), repo.Combine(".evidence"));
        var id = (string)run.Manifest["run_id"]!;
        var store = server.NewStore("team", "&timeout=2s&retries=0");
        var (bucket, prefix) = S3Server.BucketOf(store);
        // What a push killed mid-file leaves: an upload begun with a part in it, never completed or aborted.
        var leftover = StartUpload(server, bucket, $"{prefix}runs/{id}/artifacts/big.bin");
        var otherRun = StartUpload(server, bucket, $"{prefix}runs/2020-01-01T00-00-00Z_aaaaaa/artifacts/big.bin");

        server.Signal("STOP");
        ProcessResult failed;
        try
        {
            failed = EvidenceCli.Run(repo.Path, ["push", "last", "--to", store], server.Env(), timeoutSeconds: 120);
        }
        finally
        {
            server.Signal("CONT");
        }

        var retry = EvidenceCli.Run(repo.Path, ["push", "--pending"], server.Env(), timeoutSeconds: 120);

        Assert.Contains("error EVD1004:", failed.Stderr, StringComparison.Ordinal);
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains($"aborted 1 unfinished upload(s) an earlier push of run {id} left in", retry.Stderr, StringComparison.Ordinal);
        var open = OpenUploads(server, bucket);
        Assert.DoesNotContain(leftover, open);
        Assert.Contains(otherRun, open);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, ["pull", id, "--from", store, "--out", repo.Combine("elsewhere")], server.Env()).ExitCode);
    }

    private static string StartUpload(S3Server server, string bucket, string key)
    {
        using var client = server.Client();
        var upload = client.InitiateMultipartUploadAsync(bucket, key).GetAwaiter().GetResult();
        client.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[5 * 1024 * 1024]) }).GetAwaiter().GetResult();
        return upload.UploadId;
    }

    private static List<string> OpenUploads(S3Server server, string bucket)
    {
        using var client = server.Client();
        return [.. (client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket }).GetAwaiter().GetResult().MultipartUploads ?? []).Select(u => u.UploadId)];
    }

    [Fact]
    public void Wrong_credentials_are_one_clear_error_the_local_bundle_stays_and_no_secret_is_kept()
    {
        using var server = S3Server.StartPrivate(auth: true);
        using var repo = TempRepo.Create();
        var store = server.NewStore();
        var unknownKey = new Dictionary<string, string?>(server.Env()) { ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "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" };
        var wrongSecret = new Dictionary<string, string?>(server.Env()) { ["AWS_SECRET_ACCESS_KEY"] = "not-the-secret-of-this-user-0123456789" };
        var noCredentials = new Dictionary<string, string?>(server.Env()) { ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null, ["HOME"] = repo.Path };

        var run = EvidenceCli.Run(repo.Path, ["run", "--store", store, "--", "sh", "-c", "echo built"], unknownKey);
        var push = EvidenceCli.Run(repo.Path, ["push", "last", "--to", store], wrongSecret);
        var anonymous = EvidenceCli.Run(repo.Path, ["push", "last", "--to", store], noCredentials);

        // The run itself passed: its exit code is the command's, and the push failure is one warning.
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"warning EVD1007:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("InvalidAccessKeyId", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, push.ExitCode);
        Assert.Contains("error EVD1003:", push.Stderr, StringComparison.Ordinal);
        Assert.Contains("SignatureDoesNotMatch", push.Stderr, StringComparison.Ordinal);
        Assert.Single(push.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, anonymous.ExitCode);
        Assert.Contains("error EVD1003:", anonymous.Stderr, StringComparison.Ordinal);

        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "verify", bundle.Id()).ExitCode);
        Assert.DoesNotContain(server.Keys(store), k => k.Contains(bundle.Id(), StringComparison.Ordinal));
        var record = File.ReadAllText(repo.Combine(".evidence", "pushes", bundle.Id() + ".json"));
        Assert.Contains("\"pending\"", record, StringComparison.Ordinal);
        Assert.Contains("\"attempts\":3", record, StringComparison.Ordinal);
        foreach (var secret in new[] { unknownKey["AWS_SECRET_ACCESS_KEY"]!, wrongSecret["AWS_SECRET_ACCESS_KEY"]! })
        {
            Assert.DoesNotContain(secret, record + run.Stderr + push.Stderr + anonymous.Stderr, StringComparison.Ordinal);
            foreach (var file in Directory.EnumerateFiles(bundle.Path, "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(secret, File.ReadAllText(file), StringComparison.Ordinal);
            }
        }
    }

    private static List<JsonObject> IndexTestsLines(ProcessResult ls) => IndexTests.Lines(ls.Stdout);
}
