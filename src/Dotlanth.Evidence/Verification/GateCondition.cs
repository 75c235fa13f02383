namespace Dotlanth.Evidence.Verification;

/// <summary>One condition of a gate, whether the bundle meets it, and what was found.</summary>
public sealed record GateCondition(string Name, bool Met, string Detail);
