namespace Dotlanth.Evidence.Redaction.Catalog;

/// <summary>
/// The built-in catalog. Rule ids are a published contract (they appear in every bundle's hit counts): add, never rename.
/// Every pattern starts at a literal or keyword so the engine can skip ahead, and every repetition is bounded.
/// </summary>
public static partial class BuiltInRules
{
    /// <summary>Bumped whenever a rule is added or changed; recorded in each bundle.</summary>
    public const string Version = "2026.11.1";

    /// <summary>Generated patterns stop after this long and the window is masked whole (fail closed).</summary>
    internal const int MatchTimeoutMs = 500;

    /// <summary>Values of sensitive assignments stop here; secrets longer than this are caught by their own rules.</summary>
    internal const int MaxValueLength = 512;

    public static IReadOnlyList<SecretRule> All { get; } = [.. Cloud(), .. SourceHosts(), .. Registries(), .. AiProviders(), .. Saas(), .. Generic()];

    /// <summary>Distinct rule ids, for documentation and tests.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        [.. All.Select(r => r.Id).Append(PrivateKeyRule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
