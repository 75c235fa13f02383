using System.Text;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Redaction.Catalog;

namespace Dotlanth.Evidence.Tests.Core.Redaction;

/// <summary>The gate against the plainest reference: every keyword compared at every position of the window.</summary>
public sealed class KeywordGateTests
{
    private static readonly IReadOnlyList<SecretRule> Rules = BuiltInRules.All;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Finds_exactly_the_keywords_a_position_by_position_compare_finds(int seed)
    {
        var random = new Random(seed);
        var keywords = Rules.SelectMany(r => r.Keywords).Distinct().ToArray();
        // Keywords in every case, cut short, run together and among log text, with wide characters that upper-case to ASCII.
        string[] filler = ["Restored /src/App.csproj (in 412 ms). ", "  Passed Tests.Order [12 ms]\n", "sha256:9f86d0818 ", "\t", "=", ":", "_", "-", "ſ", "ı", "K", "é", "€", "\u001b[0m"];
        var text = new StringBuilder();
        while (text.Length < 20_000)
        {
            var keyword = keywords[random.Next(keywords.Length)];
            var cut = random.Next(4) == 0 ? keyword[..Math.Max(1, keyword.Length - 1)] : keyword;
            text.Append(random.Next(3) switch
            {
                0 => cut.ToUpperInvariant(),
                1 => string.Concat(cut.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))),
                _ => cut,
            });
            text.Append(filler[random.Next(filler.Length)]);
        }

        var chars = text.ToString().AsSpan();
        AssertSameAsReference(chars, latin1: null);
        var narrow = new string(chars.ToArray().Select(c => c > 255 ? '?' : c).ToArray());
        AssertSameAsReference(narrow, Encoding.Latin1.GetBytes(narrow));
    }

    [Fact]
    public void Finds_every_keyword_alone_and_at_either_edge_of_the_window_whatever_its_length_and_parity()
    {
        foreach (var keyword in Rules.SelectMany(r => r.Keywords).Distinct())
        {
            foreach (var text in new[] { keyword, " " + keyword, keyword + " ", "ab" + keyword + "c", keyword.ToUpperInvariant() })
            {
                AssertSameAsReference(text, latin1: null);
                AssertSameAsReference(text, Encoding.Latin1.GetBytes(text));
            }
        }
    }

    [Fact]
    public void A_keyword_in_upper_case_at_the_start_of_the_window_is_anchored_where_it_starts()
    {
        const string Text = "PASSWORD=hunter2";
        var (triggered, anchors) = Mark(Text, Encoding.Latin1.GetBytes(Text));
        var rule = IndexOf("secret-assignment");

        Assert.True(triggered![rule]);
        Assert.Contains((rule, 0), anchors);
    }

    [Fact]
    public void Text_without_keywords_triggers_nothing()
    {
        var log = string.Concat(Enumerable.Repeat("  App.Core -> /home/runner/work/app/bin/Release/net10.0/App.Core.dll\n", 500));
        var (triggered, anchors) = Mark(log, Encoding.Latin1.GetBytes(log));

        Assert.Null(triggered);
        Assert.Empty(anchors);
    }

    private static void AssertSameAsReference(ReadOnlySpan<char> chars, byte[]? latin1)
    {
        var expectedTriggered = new bool[Rules.Count];
        var expectedAnchors = new List<(int Rule, int Position)>();
        foreach (var caseSensitive in new[] { false, true })
        {
            var keywords = Rules.SelectMany((r, i) => r.CaseSensitiveKeywords == caseSensitive ? r.Keywords.Select(k => (Keyword: k, Rule: i)) : []).ToList();
            var distinct = keywords.Select(k => k.Keyword).Distinct(StringComparer.Ordinal).ToList();
            for (var at = 0; at < chars.Length; at++)
            {
                foreach (var keyword in distinct)
                {
                    if (!chars[at..].StartsWith(keyword, caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    foreach (var rule in keywords.Where(k => k.Keyword == keyword).Select(k => k.Rule).Distinct())
                    {
                        expectedTriggered[rule] = true;
                        if (Rules[rule].AnchoredAtKeywords)
                        {
                            expectedAnchors.Add((rule, at));
                        }
                    }
                }
            }
        }

        var (triggered, anchors) = Mark(chars.ToString(), latin1);

        Assert.NotNull(triggered);
        Assert.Equal(expectedTriggered, triggered);
        Assert.Equal(expectedAnchors, anchors);
    }

    private static (bool[]? Triggered, List<(int Rule, int Position)> Anchors) Mark(string text, byte[]? latin1)
    {
        bool[]? triggered = null;
        var anchors = new List<(int Rule, int Position)>();
        if (latin1 is null)
        {
            BuiltInRules.Gate.Mark(text, ref triggered, Rules.Count, anchors);
        }
        else
        {
            BuiltInRules.Gate.Mark(latin1, text, ref triggered, Rules.Count, anchors);
        }

        return (triggered, anchors);
    }

    private static int IndexOf(string ruleId) => Rules.Select((r, i) => (r, i)).First(x => x.r.Id == ruleId).i;
}
