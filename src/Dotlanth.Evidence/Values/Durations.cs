using System.Globalization;
using System.Text.RegularExpressions;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Values;

/// <summary>Parses durations such as <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>500ms</c>; a bare number is seconds.</summary>
public static partial class Durations
{
    /// <summary>The longest duration accepted anywhere (ten years): past it a time span or a date would overflow.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    public static bool TryParse(string text, out TimeSpan value, out EvidenceError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = TimeSpan.Zero;
        error = null;
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return InRange(text, seconds * 1000, out value, out error);
        }

        var match = Pattern().Match(trimmed);
        if (!match.Success || trimmed.Length == 0)
        {
            error = new EvidenceError(Codes.InvalidOption, $"'{text}' is not a duration", "write it like 90s, 10m, 1h30m or 500ms");
            return false;
        }

        var milliseconds = 0.0;
        foreach (System.Text.RegularExpressions.Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['m', 's', 'h', 'd']);
            var number = double.Parse(part.Value.AsSpan(0, unitStart), CultureInfo.InvariantCulture);
            milliseconds += number * part.Value[unitStart..] switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => 86_400_000,
            };
        }

        return InRange(text, milliseconds, out value, out error);
    }

    // Counted in a double first: a huge number of hours must be an error, not an overflow. Timeouts are recorded in
    // whole milliseconds, so anything shorter than one would silently mean "no timeout".
    private static bool InRange(string text, double milliseconds, out TimeSpan value, out EvidenceError? error)
    {
        value = TimeSpan.Zero;
        error = !double.IsFinite(milliseconds) || milliseconds > Longest.TotalMilliseconds
            ? new EvidenceError(Codes.InvalidOption, $"'{text}' is longer than the longest duration allowed ({Longest.TotalDays:0}d)", "give a duration from 1ms to 3650d, like 30s or 2h")
            : milliseconds < 1
                ? new EvidenceError(Codes.InvalidOption, $"'{text}' is not a positive duration of at least 1ms", "give a duration like 30s")
                : null;
        if (error is null)
        {
            value = TimeSpan.FromMilliseconds(milliseconds);
        }

        return error is null;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
