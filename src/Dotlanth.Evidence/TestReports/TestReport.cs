using System.Text.Json;
using System.Xml;

namespace Dotlanth.Evidence.TestReports;

/// <summary>
/// Reads one test report of any supported format, handing each case to the caller as it is read. A file that cannot
/// be read to its end says so in <see cref="ReportReading.Error"/>; the cases before the fault were still handed over.
/// </summary>
public static class TestReport
{
    public const string JUnit = "junit";
    public const string Trx = "trx";
    public const string Ctrf = "ctrf";

    public static ReportReading Read(string path, Action<TestCase> onCase)
    {
        ArgumentNullException.ThrowIfNull(onCase);
        var totals = new TestTotals();
        void Count(TestCase testCase)
        {
            totals.Add(testCase);
            onCase(testCase);
        }

        string? format = null;
        try
        {
            format = Detect(path);
            switch (format)
            {
                case Trx:
                    TrxReader.Read(() => File.OpenRead(path), Count);
                    break;
                case Ctrf:
                    using (var stream = File.OpenRead(path))
                    {
                        CtrfReader.Read(stream, Count);
                    }

                    break;
                case JUnit:
                    using (var stream = File.OpenRead(path))
                    using (var reader = ReportXml.Open(stream))
                    {
                        JUnitReader.Read(reader, Count);
                    }

                    break;
                default:
                    return new ReportReading(null, totals, "not a JUnit XML, TRX or CTRF JSON report");
            }
        }
        catch (XmlException ex)
        {
            return new ReportReading(format, totals, $"malformed XML at line {ex.LineNumber}, column {ex.LinePosition}: {FirstSentence(ex.Message)}");
        }
        catch (JsonException ex)
        {
            return new ReportReading(format, totals, $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.DecoderFallbackException)
        {
            return new ReportReading(format, totals, ex.Message);
        }

        return new ReportReading(format, totals, null);
    }

    /// <summary>The format from the first element or key: TRX's <c>TestRun</c>, JUnit's <c>testsuites</c>/<c>testsuite</c>, CTRF's JSON object.</summary>
    private static string? Detect(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[512];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var text = System.Text.Encoding.UTF8.GetString(head[..read]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('{'))
        {
            return Ctrf;
        }

        if (!text.StartsWith('<'))
        {
            return null;
        }

        stream.Position = 0;
        using var reader = ReportXml.Open(stream);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                return reader.LocalName switch
                {
                    "TestRun" => Trx,
                    "testsuites" or "testsuite" => JUnit,
                    _ => null,
                };
            }
        }

        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
