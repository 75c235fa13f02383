namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// A stretch of one window to mask and the rule that found it. <see cref="Counted"/> is false for the continuation
/// lines of a private key, which count once.
/// </summary>
internal readonly record struct SecretSpan(int Start, int Length, string RuleId, bool Counted = true)
{
    public int End => Start + Length;
}
