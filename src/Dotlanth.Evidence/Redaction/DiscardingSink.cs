using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Redaction;

/// <summary>Where a report's redacting sink writes: only the hits it reports matter, not the text.</summary>
internal sealed class DiscardingSink : IOutputSink
{
    public void Write(ReadOnlySpan<byte> chunk)
    {
    }

    public void Complete()
    {
    }
}
