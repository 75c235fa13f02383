using System.Text.RegularExpressions;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Runs;

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

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
