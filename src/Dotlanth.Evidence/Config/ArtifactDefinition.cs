using System.Collections.Immutable;

namespace Dotlanth.Evidence.Config;

/// <summary>A named, typed output the checks produce, collected into the bundle with its lineage.</summary>
public sealed record ArtifactDefinition
{
    public static readonly ImmutableArray<string> Types = ["code", "document", "dataset", "report", "test-result"];

    public required string Name { get; init; }

    public required string Type { get; init; }

    public string? Format { get; init; }

    /// <summary>A path or glob (<c>*</c>, <c>?</c>, <c>**</c>) relative to the configuration's folder.</summary>
    public required string Path { get; init; }

    /// <summary>The checks that produce it; empty means every check of the run.</summary>
    public ImmutableArray<string> ProducedBy { get; init; } = [];
}
