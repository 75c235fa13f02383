using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Index;

namespace Dotlanth.Evidence.Runs;

/// <summary>The last moves of every run: rescan what was staged, write errors.json and the manifest, seal.</summary>
internal static class BundleClosing
{
    public static SealedBundle Seal(BundleWriter bundle, RunErrors errors, Func<int, JsonObject> buildManifest, Func<JsonObject> redaction, TextWriter messages)
    {
        foreach (var late in StagingScan.Rescan(bundle))
        {
            errors.Add(late);
        }

        bundle.WriteJson(BundleLayout.Errors, new JsonObject
        {
            ["schema_version"] = BundleLayout.SchemaVersion,
            ["errors"] = new JsonArray([.. errors.All.Select(e => (JsonNode)e.ToJson())]),
        });
        var manifest = bundle.Redact(buildManifest(errors.All.Count));
        // Counted last, once everything else (the manifest included) has passed the redactor.
        manifest["redaction"] = redaction();
        var sealedBundle = bundle.Seal(manifest);
        var storeRoot = Path.GetDirectoryName(Path.GetDirectoryName(sealedBundle.Path)!)!;
        try
        {
            IndexJournal.Record(storeRoot, sealedBundle.RunId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The bundle is sealed and safe; only the index misses it until 'reindex'.
            messages.WriteLine($"dotnet-evidence: warning EVD0603: run {sealedBundle.RunId} was sealed but not queued for the index ({ex.Message}); 'dotnet evidence reindex' adds it");
        }

        return sealedBundle;
    }
}
