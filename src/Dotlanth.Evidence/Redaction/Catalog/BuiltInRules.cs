namespace Dotlanth.Evidence.Redaction.Catalog;

/// <summary>
/// The built-in catalog. Rule ids are a published contract (they appear in every bundle's hit counts): add, never rename.
/// Every pattern starts at a literal or keyword so the engine can skip ahead, and every repetition is bounded.
/// </summary>
public static partial class BuiltInRules
{
    /// <summary>Bumped whenever a rule is added or changed; recorded in each bundle.</summary>
    public const string Version = "2026.11.2";

    /// <summary>Generated patterns stop after this long and the window is masked whole (fail closed).</summary>
    internal const int MatchTimeoutMs = 500;

    /// <summary>Values of sensitive assignments stop here; secrets longer than this are caught by their own rules.</summary>
    internal const int MaxValueLength = 512;

    public static IReadOnlyList<SecretRule> All { get; } = [.. Cloud(), .. SourceHosts(), .. Registries(), .. AiProviders(), .. Saas(), .. Generic()];

    private static readonly Lazy<KeywordGate> LazyGate = new(() => new KeywordGate(All));

    /// <summary>The keyword gate over the whole catalog, built once per process.</summary>
    internal static KeywordGate Gate => LazyGate.Value;

    /// <summary>Builds the shared gate ahead of time (a front end calls this on a spare core at start-up).</summary>
    public static void Warm() => _ = Gate;

    private static readonly Lazy<Dictionary<string, string>> LazyContinuations = new(() => All
        .Where(r => r.ExtendOver.Length > 0 || r.IsGeneric)
        .GroupBy(r => r.Id, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().ExtendOver, StringComparer.Ordinal));

    /// <summary>
    /// For a rule whose finds run to the end of a value: the characters its value is made of (empty: anything up to a
    /// blank, quote or separator). Null for rules whose finds have a fixed end. A value cut at the end of a window is
    /// followed into the next one with these.
    /// </summary>
    internal static string? ValueCharsOf(string ruleId) => LazyContinuations.Value.GetValueOrDefault(ruleId);

    private static readonly Lazy<Dictionary<string, int>> LazyRanks = new(() =>
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal) { [Redactor.EnvValueRule] = 0, [Redactor.ConfigValueRule] = 0, [PrivateKeyRule] = 1 };
        for (var i = 0; i < All.Count; i++)
        {
            ranks.TryAdd(All[i].Id, i + 2);
        }

        return ranks;
    });

    /// <summary>Which of two rules finding the same text names the mask: known values, keys, the catalog in order, then the user's rules.</summary>
    internal static int RankOf(string ruleId) => LazyRanks.Value.TryGetValue(ruleId, out var rank) ? rank : int.MaxValue;

    /// <summary>Distinct rule ids, for documentation and tests.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        [.. All.Select(r => r.Id).Append(PrivateKeyRule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
