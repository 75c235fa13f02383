namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// A stretch of one window to mask and the rule that found it. <see cref="Counted"/> is false for the continuation
/// lines of a private key, which count once. <see cref="Encoding"/> says whether the stretch is UTF-16 text.
/// </summary>
internal readonly record struct SecretSpan(int Start, int Length, string RuleId, bool Counted = true, SpanEncoding Encoding = SpanEncoding.Bytes)
{
    public int End => Start + Length;
}
