using System.Globalization;
using System.Text.RegularExpressions;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Runs;

/// <summary>Parses durations such as <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>500ms</c>; a bare number is seconds.</summary>
public static partial class Durations
{
    public static bool TryParse(string text, out TimeSpan value, out EvidenceError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = TimeSpan.Zero;
        error = null;
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            value = seconds is > 0 and < 1e9 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
            return AtLeastOneMillisecond(text, value, out error);
        }

        var match = Pattern().Match(trimmed);
        if (!match.Success || trimmed.Length == 0)
        {
            error = new EvidenceError(Codes.InvalidOption, $"'{text}' is not a duration", "write it like 90s, 10m, 1h30m or 500ms");
            return false;
        }

        foreach (System.Text.RegularExpressions.Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['m', 's', 'h', 'd']);
            var number = double.Parse(part.Value.AsSpan(0, unitStart), CultureInfo.InvariantCulture);
            value += part.Value[unitStart..] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                _ => TimeSpan.FromDays(number),
            };
        }

        return AtLeastOneMillisecond(text, value, out error);
    }

    // Timeouts are recorded in whole milliseconds; anything shorter would silently mean "no timeout".
    private static bool AtLeastOneMillisecond(string text, TimeSpan value, out EvidenceError? error)
    {
        error = value.TotalMilliseconds >= 1
            ? null
            : new EvidenceError(Codes.InvalidOption, $"'{text}' is not a positive duration of at least 1ms", "give a duration like 30s");
        return error is null;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
