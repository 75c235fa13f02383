namespace Dotlanth.Evidence.Redaction.Detectors;

/// <summary>
/// The name-led detectors as one rule of the keyword gate, so a sensitive word costs one attempt: the structures first
/// (<see cref="PairDetector"/>, found as <c>secret-pair</c>), then prose (<see cref="ProseDetector"/>, <c>secret-prose</c>).
/// </summary>
internal sealed class NameValueDetector : ISecretDetector
{
    public const string PairRule = "secret-pair";
    public const string ProseRule = "secret-prose";

    /// <summary>
    /// Returns the end of the find, or of the name when there is none: another keyword inside the same name
    /// (<c>SECRET</c> and <c>_KEY</c> in <c>STRIPE_SECRET_KEY</c>) would only repeat the attempt.
    /// </summary>
    public int Detect(string text, int anchor, string ruleId, List<SecretSpan> spans)
    {
        var (start, end) = TextLines.NameAround(text, anchor);
        if (end <= start || end - start >= TextLines.MaxName)
        {
            return end;
        }

        var found = PairDetector.Detect(text, start, end, PairRule, spans);
        found = found >= 0 ? found : ProseDetector.Detect(text, start, end, ProseRule, spans);
        return Math.Max(found, end);
    }
}
