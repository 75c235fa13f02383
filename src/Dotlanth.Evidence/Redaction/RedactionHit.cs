namespace Dotlanth.Evidence.Redaction;

/// <summary>Where a secret was masked: byte offset and length in the input stream, and the rule. Never the value.</summary>
public readonly record struct RedactionHit(string RuleId, long Offset, int Length);
