using System.Buffers;

namespace Dotlanth.Evidence.Redaction.Detectors;

/// <summary>
/// HTTP Basic credentials anywhere: <c>Basic</c>, blanks, then base64 that decodes to printable <c>user:password</c>.
/// Decoding is the check, so <c>Basic usage</c> and ordinary base64 are left alone.
/// </summary>
internal sealed class BasicCredentialsDetector : ISecretDetector
{
    private const int MaxEncoded = 4096;

    public int Detect(string text, int anchor, string ruleId, List<SecretSpan> spans)
    {
        if (anchor > 0 && char.IsAsciiLetterOrDigit(text[anchor - 1]))
        {
            return -1;
        }

        var at = anchor + "basic".Length;
        var valueStart = TextLines.SkipBlanks(text, at);
        if (valueStart == at || valueStart - at > 3)
        {
            return -1;
        }

        var end = valueStart;
        while (end < text.Length && end - valueStart < MaxEncoded && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '+' or '/'))
        {
            end++;
        }

        var padded = end;
        while (padded < text.Length && padded - end < 2 && text[padded] == '=')
        {
            padded++;
        }

        var length = padded - valueStart;
        if (length < 8 || length % 4 != 0 || (padded < text.Length && (char.IsAsciiLetterOrDigit(text[padded]) || text[padded] is '_' or '-')))
        {
            return -1;
        }

        return IsUserAndPassword(text.AsSpan(valueStart, length)) ? Add(spans, valueStart, length, ruleId) : -1;
    }

    private static int Add(List<SecretSpan> spans, int start, int length, string ruleId)
    {
        spans.Add(new SecretSpan(start, length, ruleId));
        return start + length;
    }

    private static bool IsUserAndPassword(ReadOnlySpan<char> encoded)
    {
        var rented = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, rented, out var written))
            {
                return false;
            }

            var decoded = rented.AsSpan(0, written);
            var colon = decoded.IndexOf((byte)':');
            return colon >= 0 && written - colon > 1 && decoded.IndexOfAnyInRange((byte)0, (byte)0x1f) < 0 && decoded.IndexOf((byte)0x7f) < 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
