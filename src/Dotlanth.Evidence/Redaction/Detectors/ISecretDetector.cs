namespace Dotlanth.Evidence.Redaction.Detectors;

/// <summary>
/// A rule written as code rather than a pattern, tried at each place its keyword occurs. It reads at most a few lines
/// around the keyword (never more than <see cref="TextLines.MaxLookAhead"/> characters), so a window costs linear time.
/// </summary>
internal interface ISecretDetector
{
    /// <summary>Adds the secret found from <paramref name="anchor"/>; returns where the find ends, or -1 when none.</summary>
    int Detect(string text, int anchor, string ruleId, List<SecretSpan> spans);
}
