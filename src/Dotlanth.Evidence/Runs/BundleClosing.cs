using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Runs;

/// <summary>The last moves of every run: rescan what was staged, write errors.json and the manifest, seal.</summary>
internal static class BundleClosing
{
    public static SealedBundle Seal(BundleWriter bundle, RunErrors errors, Func<int, JsonObject> buildManifest, Func<JsonObject> redaction)
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
        return bundle.Seal(manifest);
    }
}
