namespace Dotlanth.Evidence.Redaction;

/// <summary>Values that only stand for a secret: template references, variables, examples and already-masked text.</summary>
public static class Placeholders
{
    private static readonly string[] Prefixes = ["${", "$(", "%(", "%{", "<", "{{", "#{", "@(", "[REDACTED", "[redacted", "***", "(", "[", "{", "**", "&lt;"];

    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "none", "nil", "undefined", "true", "false", "changeme", "change_me", "redacted", "hidden", "masked",
        "secret", "password", "token", "example", "placeholder", "your-token", "your_token", "yourtoken", "xxxxxx",
        "dummy", "required", "optional", "string", "empty", "process.env", "os.environ", "env", "getenv",
    };

    public static bool IsPlaceholder(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsPlaceholder(value.AsSpan());
    }

    public static bool IsPlaceholder(ReadOnlySpan<char> value)
    {
        var v = value.Trim().Trim("\"'`");
        if (v.Length == 0 || Lookup.Contains(v))
        {
            return true;
        }

        foreach (var prefix in Prefixes)
        {
            if (v.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        // A variable: $NAME, %NAME%.
        if ((v[0] == '$' && v.Length > 1 && (char.IsAsciiLetter(v[1]) || v[1] == '_')) || (v.Length > 2 && v[0] == '%' && v[^1] == '%'))
        {
            return true;
        }

        // A template with a reference inside: "prefix-${VAR}", \"${TOKEN}\", {{ .Values.token }}.
        if (v.Contains("${", StringComparison.Ordinal) || v.Contains("{{", StringComparison.Ordinal) || v.Contains("$(", StringComparison.Ordinal))
        {
            return true;
        }

        // A run of one character (xxxxxxxx, ********, ........) or a code reference (config.Password, args[0]).
        return v.IndexOfAnyExcept(v[0]) < 0
            || v.Contains("secrets.", StringComparison.OrdinalIgnoreCase)
            || (v.EndsWith(')') && v.Contains('('))
            || v.StartsWith("your", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
}
