using System.Collections.Immutable;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Config;

/// <summary>A loaded evidence.yml with every default filled in; what config.snapshot.json records.</summary>
public sealed record EvidenceConfig
{
    public string? Path { get; init; }

    public string? SpecId { get; init; }

    public string? SpecVersion { get; init; }

    public string? StoreRoot { get; init; }

    /// <summary>An <c>s3://</c> store every sealed bundle is pushed to (the local store stays the default one).</summary>
    public string? RemoteStore { get; init; }

    public long? MaxOutputBytes { get; init; }

    public TimeSpan? KillGrace { get; init; }

    public long? DiffBudgetBytes { get; init; }

    public string? DiffBase { get; init; }

    public long? MaxSteps { get; init; }

    public TimeSpan? MaxDuration { get; init; }

    public RedactionOptions Redaction { get; init; } = RedactionOptions.Default;

    public ImmutableArray<CheckDefinition> Checks { get; init; } = [];

    public ImmutableArray<ArtifactDefinition> Artifacts { get; init; } = [];

    /// <summary>Capabilities granted to every program run under this configuration (exec), on top of its .cap lines.</summary>
    public ImmutableArray<Vm.Capability> Capabilities { get; init; } = [];
}
