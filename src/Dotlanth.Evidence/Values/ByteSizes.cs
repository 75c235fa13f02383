using System.Globalization;
using System.Text.RegularExpressions;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Values;

/// <summary>Parses sizes such as <c>65536</c>, <c>64K</c>, <c>64KiB</c>, <c>10MB</c> (K, M, G are powers of 1024).</summary>
public static partial class ByteSizes
{
    /// <summary>Bytes for people: 512 B, 64.0 KiB, 1.5 MiB, 2.0 GiB.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024)
        {
            return bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " B";
        }

        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static bool TryParse(string text, out long value, out EvidenceError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        error = null;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            error = new EvidenceError(Codes.InvalidOption, $"'{text}' is not a size in bytes", "write it like 65536, 64K, 64KiB or 10MB");
            return false;
        }

        var number = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var shift = char.ToUpperInvariant(match.Groups["unit"].Value.FirstOrDefault()) switch
        {
            'K' => 10,
            'M' => 20,
            'G' => 30,
            _ => 0,
        };
        if (number > long.MaxValue >> shift)
        {
            error = new EvidenceError(Codes.InvalidOption, $"'{text}' is too large", "give a size below 8 EiB");
            return false;
        }

        value = number << shift;
        return true;
    }

    [GeneratedRegex(@"^(?<n>\d{1,18})\s*(?<unit>[kKmMgG](i?[bB])?|[bB])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
