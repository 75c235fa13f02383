using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Redaction;

/// <summary>The one gate in front of every sink: whatever reaches disk passes through here first.</summary>
public interface IRedactor
{
    /// <summary>Redacts a whole text (JSON fields, argv, error messages, paths).</summary>
    string Redact(string text);

    /// <summary>Wraps a sink so a byte stream is redacted on the way in; the result does not depend on how it is chunked.</summary>
    IOutputSink Wrap(IOutputSink downstream);

    /// <summary>Hits per rule id so far; never values.</summary>
    RedactionSummary Summary();
}
