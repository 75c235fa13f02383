using System.Globalization;
using System.Xml;

namespace Dotlanth.Evidence.TestReports;

/// <summary>What the XML report readers share: a safe streaming reader, bounded element text, and durations.</summary>
internal static class ReportXml
{
    public static XmlReader Open(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        // Reports come from tools and tests, not from us: no DTDs or external entities, and control characters
        // some runners write unescaped are kept rather than failing the whole file.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    });

    /// <summary>The text inside the element the reader is on, bounded, leaving the reader on its end.</summary>
    public static string? BoundedText(XmlReader reader, int limit)
    {
        var excerpt = new Excerpt(limit);
        AppendText(reader, excerpt);
        var text = excerpt.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>Appends the text inside the element the reader is on to <paramref name="excerpt"/>, leaving the reader on its end.</summary>
    public static void AppendText(XmlReader reader, Excerpt excerpt)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        var buffer = new char[4096];
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (reader.CanReadValueChunk)
                {
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                    {
                        excerpt.Append(buffer.AsSpan(0, read));
                    }
                }
                else
                {
                    excerpt.Append(reader.Value);
                }
            }
        }
    }

    /// <summary>Moves to the end of the element the reader is on (not past it, unlike <see cref="XmlReader.Skip"/>).</summary>
    public static void SkipElement(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
        }
    }

    /// <summary>Seconds as JUnit writes them ("0.012", "1,234.5", a comma as the decimal mark); null when absent or unreadable.</summary>
    public static long? Seconds(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        text = text.Contains('.', StringComparison.Ordinal) ? text.Replace(",", "", StringComparison.Ordinal) : text.Replace(',', '.');
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds)
            ? (long)Math.Round(seconds * 1000)
            : null;
    }

    public static int? PositiveInt(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
