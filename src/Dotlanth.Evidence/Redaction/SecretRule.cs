using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// One detector: a stable id, the keywords that must appear on a line before the pattern is tried (case-insensitive),
/// and the pattern. When the pattern has a group named <c>secret</c>, only that group is masked.
/// </summary>
public sealed record SecretRule(string Id, string[] Keywords, Regex Pattern, bool IsGeneric = false, bool CaseSensitiveKeywords = false)
{
    /// <summary>Generic rules (assignments, URLs, headers) skip placeholders such as <c>$TOKEN</c> or <c>&lt;your-token&gt;</c>.</summary>
    public bool Accepts(string value) => !IsGeneric || !Placeholders.IsPlaceholder(value);
}
