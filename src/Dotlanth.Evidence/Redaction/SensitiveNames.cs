namespace Dotlanth.Evidence.Redaction;

/// <summary>Decides which variable names carry secrets and which values are safe to search for.</summary>
public static class SensitiveNames
{
    private static readonly string[] Keywords =
        ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "KEY", "CREDENTIAL", "AUTH", "PRIVATE", "COOKIE", "SESSION"];

    private static readonly HashSet<string> Segments = new(StringComparer.OrdinalIgnoreCase) { "PASS", "PAT", "CREDS", "SAS", "DSN" };

    // Values this common would mask unrelated text everywhere; they carry no secret either.
    private static readonly HashSet<string> Harmless = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "null", "none", "enabled", "disabled", "default", "never", "always",
    };

    /// <summary>Shorter values are not searched for (they would match ordinary text) and are left out of env.json.</summary>
    public const int MinimumValueLength = 6;

    public static bool IsSensitive(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var keyword in Keywords)
        {
            if (name.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        var segments = name.Split('_', '-', '.');
        // PWD alone is the shell's working directory; DB_PWD is a password.
        return segments.Any(Segments.Contains) || (segments.Length > 1 && segments.Contains("PWD", StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>True when a value is long and specific enough to search for in all output.</summary>
    public static bool IsSearchable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return trimmed.Length >= MinimumValueLength && !Harmless.Contains(trimmed);
    }
}
