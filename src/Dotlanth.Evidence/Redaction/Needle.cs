namespace Dotlanth.Evidence.Redaction;

/// <summary>One literal byte sequence to find and the fixed-length replacement that stands for it.</summary>
internal sealed record Needle(byte[] Value, byte[] Replacement, string RuleId);
