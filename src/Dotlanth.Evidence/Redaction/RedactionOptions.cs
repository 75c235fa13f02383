using System.Collections.Immutable;

namespace Dotlanth.Evidence.Redaction;

/// <summary>What a user adds to the built-in rules; the same for every front end (CLI options now, config later).</summary>
public sealed record RedactionOptions
{
    public static RedactionOptions Default { get; } = new();

    /// <summary>Extra patterns (.NET regular expressions); a group named <c>secret</c> limits the mask to that group.</summary>
    public ImmutableArray<string> Patterns { get; init; } = [];

    /// <summary>Extra words that make a variable name or an assignment sensitive.</summary>
    public ImmutableArray<string> SensitiveNames { get; init; } = [];

    /// <summary>Patterns for values that must never be masked (a matched value that fully matches one is kept).</summary>
    public ImmutableArray<string> Allowlist { get; init; } = [];

    /// <summary>
    /// More environment variables whose values <c>env.json</c> records (names, or prefixes ending in <c>*</c>), beyond the
    /// built-in list of safe, useful ones; every other variable is recorded by name only.
    /// </summary>
    public ImmutableArray<string> EnvAllow { get; init; } = [];

    /// <summary>Literal secrets to mask wherever they appear, in all their encodings.</summary>
    public ImmutableArray<string> KnownValues { get; init; } = [];
}
