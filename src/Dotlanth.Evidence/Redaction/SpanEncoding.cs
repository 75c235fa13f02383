namespace Dotlanth.Evidence.Redaction;

/// <summary>How the text under a mask was encoded, so the mask is written in the same encoding.</summary>
internal enum SpanEncoding
{
    Bytes,
    Utf16LittleEndian,
    Utf16BigEndian,
}
