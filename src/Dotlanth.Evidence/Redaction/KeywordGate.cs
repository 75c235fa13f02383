using System.Buffers;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Marks which rules a window may hold, from one vectorised multi-keyword pass. Case-sensitive keywords (such as
/// <c>SK</c>) get a gate of their own so that common lower-case text does not stop the scan at every word.
/// </summary>
internal sealed class KeywordGate
{
    private readonly SearchValues<string>? _search;
    private readonly StringComparison _comparison;
    // Each distinct keyword once, with every rule it triggers: a position is compared with a keyword once, not once per rule.
    private readonly Dictionary<char, (string Keyword, int[] Rules)[]> _byFirstChar;
    private readonly bool _caseSensitive;
    private readonly bool[] _anchored;

    public KeywordGate(IReadOnlyList<SecretRule> rules, bool caseSensitive)
    {
        _caseSensitive = caseSensitive;
        _anchored = [.. rules.Select(r => r.AnchoredAtKeywords)];
        _comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var keywords = rules
            .SelectMany((rule, index) => rule.CaseSensitiveKeywords == caseSensitive ? rule.Keywords.Select(k => (Keyword: k, Rule: index)) : [])
            .ToList();
        _search = keywords.Count == 0 ? null : SearchValues.Create([.. keywords.Select(k => k.Keyword).Distinct(StringComparer.Ordinal)], _comparison);
        _byFirstChar = keywords
            .GroupBy(k => Fold(k.Keyword[0]))
            .ToDictionary(g => g.Key, g => g.GroupBy(k => k.Keyword, StringComparer.Ordinal).Select(k => (k.Key, k.Select(r => r.Rule).Distinct().ToArray())).ToArray());
    }

    /// <summary>Marks triggered rules; for rules anchored at keywords, also lists where each keyword starts.</summary>
    public void Mark(ReadOnlySpan<char> chars, ref bool[]? triggered, int ruleCount, List<(int Rule, int Position)> anchors)
    {
        if (_search is null)
        {
            return;
        }

        var pos = 0;
        while (pos < chars.Length)
        {
            var found = chars[pos..].IndexOfAny(_search);
            if (found < 0)
            {
                return;
            }

            var at = chars[(pos + found)..];
            if (_byFirstChar.TryGetValue(Fold(at[0]), out var candidates))
            {
                foreach (var (keyword, rules) in candidates)
                {
                    if (!at.StartsWith(keyword, _comparison))
                    {
                        continue;
                    }

                    triggered ??= new bool[ruleCount];
                    foreach (var rule in rules)
                    {
                        triggered[rule] = true;
                        if (_anchored[rule])
                        {
                            anchors.Add((rule, pos + found));
                        }
                    }
                }
            }

            pos += found + 1;
        }
    }

    private char Fold(char c) => _caseSensitive ? c : char.ToLowerInvariant(c);
}
