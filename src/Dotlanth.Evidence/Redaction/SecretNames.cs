namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Classifies a name met in text (a variable, a config key, a flag, the words before a value) by its parts, split at
/// punctuation and camel-case humps: <c>STRIPE_SECRET_KEY</c>, <c>clientSecret</c>, <c>--api-key</c>, <c>api key</c>.
/// </summary>
public static class SecretNames
{
    private const int MaxParts = 12;

    private static readonly HashSet<string> Strong = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "passphrase", "passcode", "secret", "secrets", "token", "apikey", "credential", "credentials",
        "creds", "privatekey", "secretkey", "accesskey", "accesstoken", "authtoken", "clientsecret",
    };

    // Parts that make a strong name only next to another part (PWD alone is the shell's working directory).
    private static readonly HashSet<string> StrongWithOthers = new(StringComparer.OrdinalIgnoreCase) { "pwd", "pass", "pat", "pw" };

    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "access", "private", "secret", "signing", "encryption", "master", "account", "license", "deploy", "auth",
        "client", "shared", "storage", "service", "app", "webhook", "hmac", "jwt", "ssh", "crypto", "cipher", "sas",
    };

    private static readonly HashSet<string> WeakLast = new(StringComparer.OrdinalIgnoreCase) { "key", "auth", "dsn", "cookie", "sas" };

    // A name ending in one of these is about a secret, not the secret itself: a length, a file, an expiry, a policy.
    private static readonly HashSet<string> AboutParts = new(StringComparer.OrdinalIgnoreCase)
    {
        "url", "uri", "endpoint", "file", "path", "dir", "name", "type", "id", "ttl", "timeout", "expiry", "expires",
        "expiration", "lifetime", "length", "len", "size", "count", "min", "max", "policy", "header", "prefix", "suffix",
        "version", "mode", "enabled", "disabled", "provider", "format", "algorithm", "alg", "audience", "issuer", "scope",
        "scopes", "ref", "reset", "hint", "field", "param", "location", "store", "manager", "rotation", "required", "env",
        "var", "variable", "label", "host", "port", "user", "username", "limit", "source", "kind", "rule", "rules",
        "pattern", "regex", "counter", "usage", "created", "updated", "at", "generator",
    };

    public static NameStrength Classify(ReadOnlySpan<char> name)
    {
        Span<Range> parts = stackalloc Range[MaxParts];
        var count = Split(name, parts);
        if (count == 0 || AboutParts.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name[parts[count - 1]]))
        {
            return NameStrength.None;
        }

        // A public key or its token (.NET's PublicKeyToken=b03f5f7f11d50a3a) is published, not secret.
        for (var i = 0; i < count; i++)
        {
            if (name[parts[i]].Equals("public", StringComparison.OrdinalIgnoreCase))
            {
                return NameStrength.None;
            }
        }

        var strong = Strong.GetAlternateLookup<ReadOnlySpan<char>>();
        var withOthers = StrongWithOthers.GetAlternateLookup<ReadOnlySpan<char>>();
        var qualifiers = KeyQualifiers.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < count; i++)
        {
            var part = name[parts[i]];
            if (strong.Contains(part) || (count > 1 && withOthers.Contains(part)))
            {
                return NameStrength.Strong;
            }

            if (i > 0 && part.Equals("key", StringComparison.OrdinalIgnoreCase) && qualifiers.Contains(name[parts[i - 1]]))
            {
                return NameStrength.Strong;
            }

            if (IsCompound(part, strong, qualifiers))
            {
                return NameStrength.Strong;
            }
        }

        // A bare "key" or "auth" says nothing; CACHE_KEY or STRIPE_KEY may hold a secret.
        return count > 1 && WeakLast.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name[parts[count - 1]]) ? NameStrength.Weak : NameStrength.None;
    }

    /// <summary>
    /// True when the name ends in a secret word (<c>password</c>, <c>DB_PASSWORD</c>, <c>--api-key</c>, <c>token</c>), or is
    /// <c>key</c> after a qualifying word (<c>api key</c>): prose names its secret last.
    /// </summary>
    public static bool EndsWithSecretWord(ReadOnlySpan<char> name, ReadOnlySpan<char> wordBefore)
    {
        Span<Range> parts = stackalloc Range[MaxParts];
        var count = Split(name, parts);
        if (count == 0)
        {
            return false;
        }

        var last = name[parts[count - 1]];
        if (Strong.GetAlternateLookup<ReadOnlySpan<char>>().Contains(last) || (count > 1 && StrongWithOthers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(last)))
        {
            return true;
        }

        var qualifier = count > 1 ? name[parts[count - 2]] : wordBefore;
        return last.Equals("key", StringComparison.OrdinalIgnoreCase) && KeyQualifiers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(qualifier);
    }

    /// <summary>One lower-case word made of two: <c>dbpassword</c>, <c>apitoken</c>, <c>signingkey</c>.</summary>
    private static bool IsCompound(ReadOnlySpan<char> part, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> strong, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> qualifiers)
    {
        foreach (var word in CompoundEnds)
        {
            if (part.Length > word.Length + 1 && part.EndsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return word != "key" || qualifiers.Contains(part[..^word.Length]);
            }
        }

        return false;
    }

    private static readonly string[] CompoundEnds = ["password", "passwd", "passphrase", "secret", "token", "key"];

    /// <summary>Splits at anything not a letter or digit and before an upper-case letter that follows a lower-case one.</summary>
    private static int Split(ReadOnlySpan<char> name, Span<Range> parts)
    {
        var count = 0;
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : ' ';
            var boundary = !char.IsAsciiLetterOrDigit(c) || (start >= 0 && char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(name[i - 1]));
            if (boundary && start >= 0)
            {
                if (count == parts.Length)
                {
                    return count;
                }

                parts[count++] = start..i;
                start = -1;
            }

            if (start < 0 && char.IsAsciiLetterOrDigit(c))
            {
                start = i;
            }
        }

        return count;
    }
}
