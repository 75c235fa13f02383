using System.Globalization;
using System.Text;
using Dotlanth.Evidence.Redaction;
using Xunit.Abstractions;

namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>Recall and altered negatives on the generated corpus, per family and per context: no leak, nothing else touched.</summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2026)]
    [InlineData(1130)]
    public void No_secret_survives_and_no_negative_is_altered(int seed)
    {
        var cases = SecretCorpus.Make(seed);
        var leaks = new List<string>();
        var altered = new List<string>();
        foreach (var item in cases)
        {
            var redacted = Redactor.Create(new Dictionary<string, string>()).Redact(item.Text);
            if (item.IsNegative ? redacted != item.Text : item.Leaks(redacted))
            {
                (item.IsNegative ? altered : leaks).Add($"{item.Family} in {item.Context}:\n  {item.Text.Replace("\n", "\n  ", StringComparison.Ordinal)}→ {redacted.Replace("\n", "\n  ", StringComparison.Ordinal)}");
            }
        }

        output.WriteLine(Table(cases, leaks, altered));
        Assert.True(cases.Count(c => !c.IsNegative) >= 600, $"{cases.Count} cases");
        Assert.True(leaks.Count == 0 && altered.Count == 0, $"{altered.Count} negatives altered:\n{string.Join('\n', altered)}\n{leaks.Count} leaks:\n{string.Join('\n', leaks.Take(40))}");
    }

    private static string Table(IReadOnlyList<CorpusCase> cases, List<string> leaks, List<string> altered)
    {
        var text = new StringBuilder();
        var positives = cases.Where(c => !c.IsNegative).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"positives {positives.Count}, leaks {leaks.Count}; negatives {cases.Count - positives.Count}, altered {altered.Count}");
        foreach (var group in positives.GroupBy(c => c.Family).Concat(positives.GroupBy(c => c.Context)))
        {
            var leaked = leaks.Count(l => l.StartsWith($"{group.First().Family} in ", StringComparison.Ordinal) && group.Key == group.First().Family
                || l.Contains($" in {group.Key}:", StringComparison.Ordinal) && group.Key == group.First().Context);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key,-24} {group.Count() - leaked,4}/{group.Count(),-4}");
        }

        return text.ToString();
    }
}
