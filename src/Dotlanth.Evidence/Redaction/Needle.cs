namespace Dotlanth.Evidence.Redaction;

/// <summary>One literal byte sequence to find, and the rule it reports as.</summary>
internal sealed record Needle(byte[] Value, string RuleId);
