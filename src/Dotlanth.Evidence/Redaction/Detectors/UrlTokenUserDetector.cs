namespace Dotlanth.Evidence.Redaction.Detectors;

/// <summary>
/// A token given as the user part of a URL: <c>https://TOKEN@github.com/…</c> or <c>https://TOKEN:x-oauth-basic@…</c>.
/// The token is masked, not the filler; an ordinary user name (<c>git@</c>, <c>jane@</c>) is not secret-shaped.
/// </summary>
internal sealed class UrlTokenUserDetector : ISecretDetector
{
    private const int MaxPart = 256;

    public static bool IsFiller(ReadOnlySpan<char> password) =>
        password.Length == 0 || password.Equals("x-oauth-basic", StringComparison.OrdinalIgnoreCase) || password.Equals("x-oauth", StringComparison.OrdinalIgnoreCase);

    public int Detect(string text, int anchor, string ruleId, List<SecretSpan> spans)
    {
        var start = anchor + 3;
        var end = start;
        while (end < text.Length && end - start < MaxPart && !char.IsWhiteSpace(text[end]) && text[end] is not (':' or '@' or '/' or '"' or '\'' or '<' or '>'))
        {
            end++;
        }

        if (end >= text.Length || end == start)
        {
            return -1;
        }

        if (text[end] == ':')
        {
            var passwordEnd = end + 1;
            while (passwordEnd < text.Length && passwordEnd - end < MaxPart && !char.IsWhiteSpace(text[passwordEnd]) && text[passwordEnd] is not ('@' or '/' or '"' or '\''))
            {
                passwordEnd++;
            }

            if (passwordEnd >= text.Length || text[passwordEnd] != '@' || !IsFiller(text.AsSpan(end + 1, passwordEnd - end - 1)))
            {
                return -1;
            }
        }
        else if (text[end] != '@' || !SecretShape.IsLikely(text.AsSpan(start, end - start)) || end - start < 16)
        {
            return -1;
        }

        spans.Add(new SecretSpan(start, end - start, ruleId));
        return end;
    }
}
