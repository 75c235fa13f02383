using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Index;

/// <summary>Reads a sealed bundle into an index row. The bundle is the truth; the index only caches this.</summary>
public static class BundleFacts
{
    /// <summary>
    /// Null when the folder is not a readable sealed bundle (no or broken bundle.json, a link or special file where the
    /// manifest should be) or holds another run's bundle than its name says.
    /// </summary>
    public static IndexedRun? Read(string bundlePath)
    {
        var manifestPath = System.IO.Path.Combine(bundlePath, BundleLayout.Manifest);
        if (Values.FileKinds.Of(bundlePath.TrimEnd('/')) != Values.FileKind.Directory || Values.FileKinds.Of(manifestPath) != Values.FileKind.Regular)
        {
            return null;
        }

        byte[] bytes;
        JsonObject manifest;
        try
        {
            bytes = File.ReadAllBytes(manifestPath);
            manifest = JsonNode.Parse(bytes)!.AsObject();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }

        if (!RunFolder.Agrees(bundlePath, manifest))
        {
            return null;
        }

        var files = manifest["files"]?.AsArray() ?? [];
        return FromDocument(manifest, Convert.ToHexStringLower(SHA256.HashData(bytes)), bundlePath, bytes.LongLength + files.Sum(f => (long?)f?["bytes"] ?? 0))
            with
            {
                Checks = [.. CheckRecord.Read(bundlePath).Select(r => new IndexedCheck(r.Name, r.Attempt, r.Status, r.ExitCode, r.DurationMs, CommandLines.Of(r.Json["argv"])))],
                Tests = [.. TestRecord.Read(bundlePath).Select(t => new IndexedTest(t.Check, t.ClassName ?? "", t.Name, t.File, t.Line, t.Attempt, t.Status, t.DurationMs, t.Retries))],
                TreeState = TreeState(manifest),
            };
    }

    /// <summary>
    /// The row of a document shaped like bundle.json's top level (run_id, times, outcome, exit_code, repo, ci, spec):
    /// the manifest itself, or a store's entry for it.
    /// </summary>
    public static IndexedRun FromDocument(JsonObject document, string digest, string path, long bytes)
    {
        ArgumentNullException.ThrowIfNull(document);
        var repo = document["repo"] as JsonObject;
        var ci = document["ci"] as JsonObject;
        var spec = document["spec"] as JsonObject;
        return new IndexedRun(
            (string)document[BundleFields.RunId]!,
            Time((string)document[BundleFields.StartedAt]!)!.Value,
            Time((string?)document[BundleFields.FinishedAt]),
            (long?)document[BundleFields.DurationMs],
            (string)document[BundleFields.Outcome]!,
            (int?)document[BundleFields.ExitCode],
            (string?)repo?["commit"],
            (string?)repo?["branch"],
            (bool?)repo?["dirty"],
            (string?)ci?["provider"],
            (string?)ci?[BundleFields.RunId],
            (string?)spec?["id"],
            (string?)spec?["version"],
            digest,
            path,
            bytes);
    }

    /// <summary>The commit, plus the digest of the recorded changes when the tree was dirty; null when either is unknown.</summary>
    internal static string? TreeState(JsonObject manifest)
    {
        if (manifest["repo"] is not JsonObject repo || (string?)repo["commit"] is not { } commit || repo["dirty"] is not JsonValue dirtyValue || !dirtyValue.TryGetValue<bool>(out var dirty))
        {
            return null;
        }

        if (!dirty)
        {
            return commit;
        }

        // The patch holds every change (untracked files included); over budget, changed_files.json lists each file's digest.
        var files = manifest["files"]?.AsArray() ?? [];
        var changes = files.FirstOrDefault(f => (string?)f?["path"] == BundleLayout.Diff) ?? files.FirstOrDefault(f => (string?)f?["path"] == BundleLayout.ChangedFiles);
        return (string?)changes?["sha256"] is { } digest ? $"{commit}+{digest}" : null;
    }

    private static DateTimeOffset? Time(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
