using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Verification;

/// <summary>The schemas/v1 contract, embedded in the library, by bundle file.</summary>
public static class BundleSchemas
{
    private static readonly Dictionary<string, string> ByFile = new(StringComparer.Ordinal)
    {
        [BundleLayout.Manifest] = "bundle.schema.json",
        [BundleLayout.Checks] = "checks.schema.json",
        [BundleLayout.Tests] = "tests.schema.json",
        [BundleLayout.Trace] = "trace.schema.json",
        [BundleLayout.ChangedFiles] = "changed-files.schema.json",
        [BundleLayout.Environment] = "env.schema.json",
        [BundleLayout.InputSnapshot] = "input-snapshot.schema.json",
        [BundleLayout.Errors] = "errors.schema.json",
        [BundleLayout.ConfigSnapshot] = "config-snapshot.schema.json",
        [BundleLayout.ArtifactsIndex] = "artifacts.schema.json",
        [BundleLayout.CapabilityReport] = "capability-report.schema.json",
        [BundleLayout.ToolCalls] = "tool-calls.schema.json",

        // Not a bundle file: the entry a store keeps beside each pushed bundle.
        [BundleLayout.StoreEntry] = "store-entry.schema.json",
    };

    /// <summary>File name to schema name, for every file that has a schema (build/validate_bundle.py keeps the same map).</summary>
    public static IReadOnlyDictionary<string, string> Files => ByFile;

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
