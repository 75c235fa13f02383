using System.Reflection;
using System.Text.RegularExpressions;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction.Catalog;
using Dotlanth.Evidence.Tests.Support;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Tests.Core.Documentation;

/// <summary>Counts and lists the README and docs/ state that the code knows: checked against the code so they cannot drift.</summary>
public sealed partial class DocumentedFactsTests
{
    /// <summary>The README and every page of docs/, as one text: a fact may live on any of them.</summary>
    private static readonly string Readme = string.Join(
        "\n\n",
        Directory.GetFiles(Path.Combine(SchemaValidator.RepoRoot, "docs"), "*.md").Order(StringComparer.Ordinal).Prepend(Path.Combine(SchemaValidator.RepoRoot, "README.md")).Select(File.ReadAllText));

    [Fact]
    public void The_catalog_version_rule_count_and_every_rule_id_are_as_documented()
    {
        var stated = CatalogLine().Match(Readme);

        Assert.True(stated.Success, "the README no longer states the catalog's version and rule count");
        Assert.Equal(BuiltInRules.Version, stated.Groups["version"].Value);
        Assert.Equal(BuiltInRules.All.Count, int.Parse(stated.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(BuiltInRules.Ids, id => Assert.Contains($"`{id}`", Readme, StringComparison.Ordinal));
    }

    [Fact]
    public void The_syscall_table_lists_every_syscall_with_its_number_and_class()
    {
        var rows = SyscallRow().Matches(Readme).Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value)).ToList();
        var code = SyscallTable.All.Select(s => (s.Number, s.Name, s.Class switch
        {
            SyscallClass.Pure => "pure",
            SyscallClass.NonDeterministic => "nondeterministic",
            _ => "side effect",
        })).ToList();

        Assert.Equal(code, rows);
    }

    [Fact]
    public void Every_diagnostic_code_is_documented_and_every_documented_code_exists()
    {
        var codes = typeof(Codes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var table = Readme[Readme.IndexOf("| Code | Meaning |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var ranges = CodeRange().Matches(table).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        var listed = CodeMention().Matches(table).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var undocumented = codes.Where(c => !listed.Contains(c) && !ranges.Any(r => string.CompareOrdinal(r.Item1, c) <= 0 && string.CompareOrdinal(c, r.Item2) <= 0)).Order(StringComparer.Ordinal).ToList();
        var unknown = listed.Where(c => !codes.Contains(c)).Order(StringComparer.Ordinal).ToList();

        Assert.True(undocumented.Count == 0, "codes missing from the README's table: " + string.Join(", ", undocumented));
        Assert.True(unknown.Count == 0, "the README's table names codes the tool does not have: " + string.Join(", ", unknown));
    }

    [GeneratedRegex(@"built-in catalog\* \(version `(?<version>[^`]+)`, (?<count>\d+) rules with stable ids\)")]
    private static partial Regex CatalogLine();

    [GeneratedRegex(@"^\| (\d+) \| `([a-z]+(?:\.[a-z]+)+)` \| ([a-z ]+) \|", RegexOptions.Multiline)]
    private static partial Regex SyscallRow();

    [GeneratedRegex(@"`(EVD\d{4})`…`(EVD\d{4})`")]
    private static partial Regex CodeRange();

    [GeneratedRegex(@"`(EVD\d{4})`")]
    private static partial Regex CodeMention();
}
