namespace Dotlanth.Evidence.Redaction;

/// <summary>What the manifest says about redaction: counts only.</summary>
public sealed record RedactionSummary(
    string Policy,
    string CatalogVersion,
    IReadOnlyDictionary<string, long> Hits,
    int KnownValues,
    int DroppedShortValues,
    int BuiltInRules,
    int UserRules);
