using System.Text.RegularExpressions;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Tests.Support;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Tests.Core.Verification;

/// <summary>Which schema checks which file is stated in the tool, the independent Python validator and the docs: all must agree.</summary>
public sealed partial class SchemaMapTests
{
    private static readonly string Root = SchemaValidator.RepoRoot;

    [Fact]
    public void The_python_validator_checks_every_bundle_file_with_the_schema_the_tool_uses()
    {
        var script = File.ReadAllText(Path.Combine(Root, "build", "validate_bundle.py"));
        var block = script[script.IndexOf("SCHEMA_FOR = {", StringComparison.Ordinal)..];
        block = block[..block.IndexOf('}', StringComparison.Ordinal)];
        var python = Pair().Matches(block).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        var tool = BundleSchemas.Files.Where(f => f.Key != BundleLayout.StoreEntry).ToDictionary();

        Assert.Equal(tool.OrderBy(p => p.Key, StringComparer.Ordinal), python.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_schema_is_documented_and_used()
    {
        var docs = File.ReadAllText(Path.Combine(Root, "docs", "bundle-format.md"));
        var schemas = Directory.GetFiles(Path.Combine(Root, "schemas", "v1"), "*.schema.json").Select(Path.GetFileName).ToHashSet();
        string[] outsideBundles = ["evidence-config.schema.json", "run-result.schema.json"];

        Assert.Equal(schemas.Order(StringComparer.Ordinal), BundleSchemas.Files.Values.Concat(outsideBundles).Order(StringComparer.Ordinal));
        Assert.All(BundleSchemas.Files, f => Assert.Contains($"`{f.Value}`", docs, StringComparison.Ordinal));
        Assert.All(outsideBundles, s => Assert.Contains($"`{s}`", docs, StringComparison.Ordinal));
    }

    [GeneratedRegex("\"([^\"]+)\":\\s*\"([^\"]+\\.schema\\.json)\"")]
    private static partial Regex Pair();
}
