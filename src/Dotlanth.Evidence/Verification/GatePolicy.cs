using System.Collections.Immutable;
using Dotlanth.Evidence.Diagnostics;

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

    /// <summary>The tree must have been measured clean (an unknown tree state does not meet it). Independent of <see cref="Commit"/>.</summary>
    public bool Clean { get; init; }

    public TimeSpan? MaxAge { get; init; }

    /// <summary>A PEM public key (SPKI); a valid signature by it is then required.</summary>
    public string? PublicKeyPem { get; init; }

    /// <summary>Why <paramref name="commit"/> cannot name the commit a gate requires; null when it can.</summary>
    public static EvidenceError? CheckCommit(string commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        // An empty or very short prefix would match almost any bundle: a gate must name its commit.
        return commit.Length is >= 7 and <= 64 && commit.All(char.IsAsciiHexDigit)
            ? null
            : new EvidenceError(Codes.InvalidOption, $"--commit '{commit}' is not a commit sha or a prefix of at least 7 hex digits", "pass the full sha, e.g. --commit \"$(git rev-parse HEAD)\" or --commit \"$GITHUB_SHA\"");
    }
}
