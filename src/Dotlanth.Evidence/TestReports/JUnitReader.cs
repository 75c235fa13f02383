using System.Xml;

namespace Dotlanth.Evidence.TestReports;

/// <summary>
/// JUnit XML in the dialects runners really write: nested <c>testsuites</c>/<c>testsuite</c>, <c>testcase</c> with
/// failure, error or skipped, <c>system-out</c>/<c>system-err</c> per case, Surefire and nextest reruns
/// (<c>rerunFailure</c>, <c>flakyFailure</c>, …), ctest's <c>status</c>, PHPUnit's <c>class</c> and <c>file</c> on
/// suites, pytest's 0-based <c>line</c>. Read as a stream: memory does not grow with the file.
/// </summary>
internal static class JUnitReader
{
    public static void Read(XmlReader reader, Action<TestCase> onCase)
    {
        var suites = new Stack<(string? Name, string? File, int Depth)>();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && suites.Count > 0 && suites.Peek().Depth == reader.Depth && reader.LocalName == "testsuite")
            {
                suites.Pop();
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "testsuite":
                    var outer = suites.Count > 0 ? suites.Peek() : default;
                    var suite = (ReportXml.NonEmpty(reader.GetAttribute("name")) ?? outer.Name, ReportXml.NonEmpty(reader.GetAttribute("file")) ?? outer.File, reader.Depth);
                    if (!reader.IsEmptyElement)
                    {
                        suites.Push(suite);
                    }

                    break;
                case "testcase":
                    onCase(ReadCase(reader, suites.Count > 0 ? suites.Peek() : default));
                    break;
            }
        }
    }

    private static TestCase ReadCase(XmlReader reader, (string? Name, string? File, int Depth) suite)
    {
        var name = ReportXml.NonEmpty(reader.GetAttribute("name")) ?? "(unnamed)";
        var className = ReportXml.NonEmpty(reader.GetAttribute("classname")) ?? ReportXml.NonEmpty(reader.GetAttribute("class"));
        var file = ReportXml.NonEmpty(reader.GetAttribute("file")) ?? suite.File;
        var line = ReportXml.PositiveInt(reader.GetAttribute("line"));
        if (suite.Name == "pytest" && int.TryParse(reader.GetAttribute("line"), out var zeroBased) && zeroBased >= 0)
        {
            // pytest writes the 0-based line of the test's def.
            line = zeroBased + 1;
        }

        var duration = ReportXml.Seconds(reader.GetAttribute("time"));
        var status = reader.GetAttribute("status") is "notrun" or "disabled" or "skipped" ? TestStatus.Skipped : TestStatus.Passed;
        string? failureType = null, message = null, details = null;
        var output = new Excerpt(Excerpt.DetailsLimit);
        var retries = 0;
        var sawVerdict = false;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "failure" or "error" when !sawVerdict || status == TestStatus.Skipped:
                        sawVerdict = true;
                        status = reader.LocalName == "failure" ? TestStatus.Failed : TestStatus.Error;
                        failureType = ReportXml.NonEmpty(reader.GetAttribute("type"));
                        message = ReportXml.NonEmpty(reader.GetAttribute("message"));
                        details = ReportXml.BoundedText(reader, Excerpt.DetailsLimit);
                        break;
                    case "skipped" when !sawVerdict:
                        sawVerdict = true;
                        status = TestStatus.Skipped;
                        message = ReportXml.NonEmpty(reader.GetAttribute("message"));
                        details = ReportXml.BoundedText(reader, Excerpt.DetailsLimit);
                        break;
                    case "rerunFailure" or "rerunError" or "flakyFailure" or "flakyError":
                        retries++;
                        var rerunMessage = ReportXml.NonEmpty(reader.GetAttribute("message"));
                        var rerunType = ReportXml.NonEmpty(reader.GetAttribute("type"));
                        var rerunDetails = FirstTextChild(reader);
                        // A case that passed on a rerun still tells why it failed first.
                        (message, failureType, details) = (message ?? rerunMessage, failureType ?? rerunType, details ?? rerunDetails);
                        break;
                    case "system-out" or "system-err":
                        if (!output.IsEmpty)
                        {
                            output.Append("\n");
                        }

                        ReportXml.AppendText(reader, output);

                        break;
                    default:
                        ReportXml.SkipElement(reader);
                        break;
                }
            }
        }

        var failing = TestStatus.IsFailing(status) || retries > 0;
        message ??= FirstLine(details);
        if ((file is null || line is null) && failing && FailureLocation.Find(details, file, className, suite.Name, name) is { } found)
        {
            // The report's own file wins; the stack supplies only what it lacks.
            (file, line) = file is null || SameFile(file, found.File) ? (file ?? found.File, found.Line) : (file, line);
        }

        return new TestCase
        {
            Name = name,
            Status = status,
            Suite = suite.Name,
            ClassName = className,
            File = file,
            Line = line,
            DurationMs = duration,
            FailureType = failureType,
            Message = Excerpt.Of(message, Excerpt.MessageLimit),
            Details = details,
            Output = failing && !output.IsEmpty ? output.ToString().Trim() : null,
            Retries = retries,
        };
    }

    /// <summary>A rerun element's stack: Surefire nests it in <c>stackTrace</c>, nextest writes it as the element's text.</summary>
    private static string? FirstTextChild(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return null;
        }

        var depth = reader.Depth;
        var excerpt = new Excerpt(Excerpt.DetailsLimit);
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                excerpt.Append(reader.Value);
            }
        }

        var text = excerpt.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    private static bool SameFile(string reported, string found) =>
        reported.Replace('\\', '/').EndsWith(found.Replace('\\', '/').TrimStart('.', '/'), StringComparison.Ordinal)
        || found.Replace('\\', '/').EndsWith(reported.Replace('\\', '/').TrimStart('.', '/'), StringComparison.Ordinal);

    private static string? FirstLine(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var line = text.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        return (end < 0 ? line : line[..end]).Trim().ToString() is { Length: > 0 } first ? first : null;
    }
}
