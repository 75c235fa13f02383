namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>One generated input: the text, what of the secret must not survive (none for a negative), and its labels.</summary>
public sealed record CorpusCase(string Family, string Context, string Text, IReadOnlyList<string> Secrets)
{
    public bool IsNegative => Secrets.Count == 0;

    /// <summary>True when the output still holds a secret or any 12-character stretch of one (a mask must cover the whole value).</summary>
    public bool Leaks(string output)
    {
        foreach (var secret in Secrets)
        {
            if (secret.Length <= 12)
            {
                if (output.Contains(secret, StringComparison.Ordinal))
                {
                    return true;
                }

                continue;
            }

            for (var i = 0; i + 12 <= secret.Length; i += 6)
            {
                if (output.Contains(secret.AsSpan(i, 12), StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
