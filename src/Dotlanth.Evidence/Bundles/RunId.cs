using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Bundles;

/// <summary>UTC second plus a random suffix: sortable by time, unique across concurrent runs (the writer also refuses collisions).</summary>
public static partial class RunId
{
    public static string New(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture)
        + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    public static bool IsValid(string value) => Pattern().IsMatch(value);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z_[0-9a-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
