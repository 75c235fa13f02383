using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// One detector: a stable id, the keywords that must appear in a window before the pattern is tried, and the pattern
/// (built on first use: most rules never see their keywords in a given run). When the pattern has a group named
/// <c>secret</c>, only that group is masked. Generic rules (assignments, URLs, headers) skip placeholders such as
/// <c>$TOKEN</c> or <c>&lt;your-token&gt;</c>.
/// </summary>
public sealed class SecretRule(string id, string[] keywords, Func<Regex>? pattern, bool IsGeneric = false, bool CaseSensitiveKeywords = false)
{
    private readonly Lazy<Regex> _pattern = new(pattern ?? (() => throw new InvalidOperationException($"Rule {id} is a detector, not a pattern.")));
    private bool? _hasSecretGroup;

    public string Id { get; } = id;

    public string[] Keywords { get; } = keywords;

    public Regex Pattern => _pattern.Value;

    public bool HasSecretGroup => _hasSecretGroup ??= Pattern.GetGroupNames().Contains("secret");

    public bool IsGeneric { get; } = IsGeneric;

    public bool CaseSensitiveKeywords { get; } = CaseSensitiveKeywords;

    /// <summary>
    /// For patterns anchored on a literal in the middle of the secret (a leading class would defeat the engine's
    /// literal search): how many characters before the match belong to the secret, at most, and which characters they are.
    /// The pattern checks the lead-in with a lookbehind; the mask is extended over it.
    /// </summary>
    public int LeadInMax { get; init; }

    public string LeadInChars { get; init; } = "";

    /// <summary>
    /// The pattern starts with <c>\G</c> and one of the keywords: it is tried only where the keyword gate saw a
    /// keyword, instead of scanning the window (generic context words are too common for the engine's own search).
    /// </summary>
    public bool AnchoredAtKeywords { get; init; }

    /// <summary>The keyword must end a command-line flag name (<c>--api-key</c>, <c>-password</c>); checked backwards in code.</summary>
    public bool FlagName { get; init; }

    /// <summary>A rule written as code, tried at each of its keywords instead of a pattern.</summary>
    internal Detectors.ISecretDetector? Detector { get; init; }

    /// <summary>
    /// Characters a find is extended over when more of them follow it: a pattern bounds its repetitions to stay linear,
    /// but a mask covers the whole value however long it is.
    /// </summary>
    public string ExtendOver { get; init; } = "";

    /// <summary>
    /// The whole name the keyword is part of must be sensitive (<see cref="SecretNames.Classify"/>): <c>PublicKeyToken=</c>,
    /// <c>TOKEN_URL=</c> and <c>PASSWORD_MIN_LENGTH=</c> assign no secret.
    /// </summary>
    public bool ChecksName { get; init; }

    /// <summary>Characters that may not stand right before the secret (a word boundary checked in code, not by a lookbehind).</summary>
    public string NotAfter { get; init; } = "";
}
