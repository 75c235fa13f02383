using System.Globalization;
using System.Xml;

namespace Dotlanth.Evidence.TestReports;

/// <summary>
/// TRX, as VSTest's trx logger and Microsoft.Testing.Platform's <c>--report-trx</c> write it. Results come before the
/// definitions that name each test's class, so the file is read twice, both times as a stream: first the classes
/// (one short string per test), then the results.
/// </summary>
internal static class TrxReader
{
    public static void Read(Func<Stream> open, Action<TestCase> onCase)
    {
        var classes = new Dictionary<string, (string? ClassName, string? Suite)>(StringComparer.OrdinalIgnoreCase);
        using (var stream = open())
        using (var reader = ReportXml.Open(stream))
        {
            string? testId = null, storage = null;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "UnitTest")
                {
                    testId = reader.GetAttribute("id");
                    storage = reader.GetAttribute("storage");
                    if (testId is not null)
                    {
                        classes[testId] = (null, SuiteOf(storage));
                    }
                }
                else if (reader.LocalName == "TestMethod" && testId is not null)
                {
                    var className = reader.GetAttribute("className");
                    // Older TRX files qualify the class with its assembly: "Ns.Class, Assembly, Version=…".
                    var comma = className?.IndexOf(',', StringComparison.Ordinal) ?? -1;
                    classes[testId] = (ReportXml.NonEmpty(comma > 0 ? className![..comma] : className), SuiteOf(storage));
                }
            }
        }

        using (var stream = open())
        using (var reader = ReportXml.Open(stream))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "UnitTestResult")
                {
                    ReadResult(reader, classes, onCase);
                }
            }
        }
    }

    private static string? SuiteOf(string? storage) =>
        ReportXml.NonEmpty(storage) is { } path ? Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1]) : null;

    private static void ReadResult(XmlReader reader, Dictionary<string, (string? ClassName, string? Suite)> classes, Action<TestCase> onCase)
    {
        var testId = reader.GetAttribute("testId");
        var name = ReportXml.NonEmpty(reader.GetAttribute("testName")) ?? "(unnamed)";
        var outcome = reader.GetAttribute("outcome");
        long? duration = TimeSpan.TryParse(reader.GetAttribute("duration"), CultureInfo.InvariantCulture, out var span) ? (long)span.TotalMilliseconds : null;
        var (className, suite) = testId is not null && classes.TryGetValue(testId, out var known) ? known : (null, null);
        string? message = null, stack = null;
        var output = new Excerpt(Excerpt.DetailsLimit);
        var inner = 0;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "UnitTestResult":
                        // A data-driven test's rows: each is a case of its own, and the parent only sums them.
                        inner++;
                        ReadResult(reader, classes, onCase);
                        break;
                    case "ErrorInfo" when !reader.IsEmptyElement:
                        var errorDepth = reader.Depth;
                        while (reader.Read() && reader.Depth > errorDepth)
                        {
                            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Message")
                            {
                                message ??= ReportXml.BoundedText(reader, Excerpt.MessageLimit);
                            }
                            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "StackTrace")
                            {
                                stack ??= ReportXml.BoundedText(reader, Excerpt.DetailsLimit);
                            }
                        }

                        break;
                    case "StdOut" or "StdErr" or "DebugTrace" or "Message":
                        if (!output.IsEmpty)
                        {
                            output.Append("\n");
                        }

                        ReportXml.AppendText(reader, output);

                        break;
                }
            }
        }

        if (inner > 0)
        {
            return;
        }

        var status = outcome switch
        {
            "Passed" or "PassedButRunAborted" or "Warning" or "Completed" => TestStatus.Passed,
            "Failed" => TestStatus.Failed,
            "NotExecuted" or "Inconclusive" or "NotRunnable" or "Pending" or "Disconnected" => TestStatus.Skipped,
            _ => TestStatus.Error,
        };
        var failing = TestStatus.IsFailing(status);
        var location = failing ? FailureLocation.Find(stack, className, name) : null;
        onCase(new TestCase
        {
            Name = name,
            Status = status,
            Suite = suite,
            ClassName = className,
            File = location?.File,
            Line = location?.Line,
            DurationMs = duration,
            FailureType = status == TestStatus.Error ? outcome : null,
            Message = message,
            Details = stack,
            Output = failing && !output.IsEmpty ? output.ToString().Trim() : null,
        });
    }
}
