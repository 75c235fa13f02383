using System.Text.RegularExpressions;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Values;

/// <summary>Check names become file names inside the bundle, so they are a safe, flat alphabet.</summary>
public static partial class CheckNames
{
    public static EvidenceError? Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Pattern().IsMatch(name)
            ? null
            : new EvidenceError(
                Codes.InvalidOption,
                $"'{name}' is not a valid check name",
                "use 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit");
    }

    /// <summary>
    /// A name as files may be named after it: unchanged when it holds no secret, otherwise <c>redacted-&lt;tag&gt;</c> after
    /// its mask, so the file on disk and every record of it agree and neither shows the secret.
    /// </summary>
    public static string WithoutSecrets(string name, Func<string, string> redact)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(redact);
        var redacted = redact(name);
        if (redacted == name)
        {
            return name;
        }

        var tags = MaskTag().Matches(redacted).Select(m => m.Groups["tag"].Value);
        var safe = "redacted-" + string.Join('-', tags);
        return safe.Length > 64 ? safe[..64] : safe;
    }

    [GeneratedRegex(@"\[REDACTED:[^:\]]+:(?<tag>[0-9a-f]+)\]", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex MaskTag();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
