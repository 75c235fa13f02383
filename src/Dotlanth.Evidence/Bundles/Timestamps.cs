using System.Globalization;

namespace Dotlanth.Evidence.Bundles;

/// <summary>RFC 3339 UTC with milliseconds, the one time format of the bundle.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
