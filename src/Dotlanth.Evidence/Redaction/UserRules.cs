using System.Text.RegularExpressions;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// User patterns compile to the non-backtracking engine, which is linear in the input whatever the pattern; a pattern
/// it cannot take (lookarounds, backreferences) falls back to the backtracking engine with a timeout that fails closed.
/// </summary>
public static class UserRules
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    public static Regex Compile(string pattern, string option)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout);
            }
            catch (NotSupportedException)
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, Timeout);
            }
        }
        catch (ArgumentException ex)
        {
            throw new RedactionConfigException(new EvidenceError(
                Codes.InvalidOption, $"{option}: '{pattern}' is not a valid regular expression: {ex.Message}", "check the pattern's syntax (.NET regular expressions)"));
        }
    }

    /// <summary>Assignments to names ending in one of the user's sensitive words.</summary>
    public static Regex Assignment(IEnumerable<string> words)
    {
        var alternatives = string.Join('|', words.Select(Regex.Escape));
        return Compile(
            $@"(?i:{alternatives})(?:\\?[""'])?\]?[ \t]{{0,5}}(?::=|=>|=|:)[ \t]{{0,5}}"
            + @"(?:""(?<secret>[^""\r\n]{4,512})""|'(?<secret>[^'\r\n]{4,512})'|(?<secret>[^\s""'`,;<>()\[\]{}\\]{4,512}))",
            "--sensitive-name");
    }
}
