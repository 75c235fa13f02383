using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Redaction;

/// <summary>The one gate in front of every sink: whatever reaches disk passes through here first.</summary>
public interface IRedactor
{
    /// <summary>Redacts a whole text (JSON fields, argv, error messages, paths).</summary>
    string Redact(string text);

    /// <summary>Wraps a sink so a byte stream is redacted on the way in; the result does not depend on how it is chunked.</summary>
    IOutputSink Wrap(IOutputSink downstream);

    /// <summary>
    /// Wraps the two streams of one process (stdout and stderr): each is redacted on its own, and a known secret split
    /// between them is masked in both, whatever order the parts arrive in.
    /// </summary>
    (IOutputSink First, IOutputSink Second) WrapPair(IOutputSink first, IOutputSink second);

    /// <summary>Like <see cref="Wrap(IOutputSink)"/>, also telling where each secret was (offset and length, never the value).</summary>
    IOutputSink Wrap(IOutputSink downstream, Action<RedactionHit> onHit);

    /// <summary>Redacts a command line as a whole and maps the masks back onto its elements.</summary>
    IReadOnlyList<string> RedactArgv(IReadOnlyList<string> argv);

    /// <summary>The mask a whole value gets when its name alone says it is a secret (counted as a hit of <paramref name="ruleId"/>).</summary>
    string MaskWhole(string ruleId, string value);

    /// <summary>Hits per rule id so far; never values.</summary>
    RedactionSummary Summary();
}
