using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Verification;

/// <summary>The schemas/v1 contract, embedded in the library, by bundle file.</summary>
public static class BundleSchemas
{
    private static readonly Dictionary<string, string> ByFile = new(StringComparer.Ordinal)
    {
        ["bundle.json"] = "bundle.schema.json",
        ["checks.jsonl"] = "checks.schema.json",
        ["trace.jsonl"] = "trace.schema.json",
        ["changed_files.json"] = "changed-files.schema.json",
        ["env.json"] = "env.schema.json",
        ["input_snapshot.json"] = "input-snapshot.schema.json",
        ["errors.json"] = "errors.schema.json",
        ["config.snapshot.json"] = "config-snapshot.schema.json",
        ["artifacts.json"] = "artifacts.schema.json",
        ["capability_report.json"] = "capability-report.schema.json",

        // Not a bundle file: the entry a store keeps beside each pushed bundle.
        [Bundles.BundleLayout.StoreEntry] = "store-entry.schema.json",
    };

    private static readonly ConcurrentDictionary<string, SchemaChecker> Checkers = new(StringComparer.Ordinal);

    /// <summary>The checker for a file of the bundle (by its path inside the bundle), or null when it has no schema.</summary>
    public static SchemaChecker? For(string relativePath) =>
        ByFile.TryGetValue(relativePath, out var schema) ? Checkers.GetOrAdd(schema, Load) : null;

    private static SchemaChecker Load(string schema)
    {
        using var stream = typeof(BundleSchemas).Assembly.GetManifestResourceStream("schemas/v1/" + schema)
            ?? throw new InvalidOperationException($"schema {schema} is not embedded");
        return new SchemaChecker(JsonNode.Parse(stream)!.AsObject());
    }
}
