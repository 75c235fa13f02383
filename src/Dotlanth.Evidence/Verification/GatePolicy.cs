using System.Collections.Immutable;

namespace Dotlanth.Evidence.Verification;

/// <summary>What a gate requires of a bundle beyond being whole. The contract between verify's front ends.</summary>
public sealed record GatePolicy
{
    /// <summary>Null accepts any outcome.</summary>
    public string? RequireOutcome { get; init; } = "verified";

    /// <summary>Checks that must have passed in their latest attempt.</summary>
    public ImmutableArray<string> RequireChecks { get; init; } = [];

    /// <summary>The commit the evidence must be for (a full sha or a prefix of at least 7).</summary>
    public string? Commit { get; init; }

    /// <summary>With <see cref="Commit"/>: the tree must not have been dirty.</summary>
    public bool Clean { get; init; }

    public TimeSpan? MaxAge { get; init; }

    /// <summary>A PEM public key (SPKI); a valid signature by it is then required.</summary>
    public string? PublicKeyPem { get; init; }
}
