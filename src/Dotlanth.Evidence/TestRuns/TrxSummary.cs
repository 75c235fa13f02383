using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Dotlanth.Evidence.TestRuns;

/// <summary>
/// What a TRX file (VSTest's results) says, for a check's record: totals, and the names and messages of the
/// failing tests (bounded). Null when there is no readable TRX: a test host that crashed before writing one.
/// </summary>
public static class TrxSummary
{
    public const int MaxFailing = 100;
    public const int MaxMessage = 2000;

    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static JsonObject? Read(string path)
    {
        XDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = XDocument.Load(stream, LoadOptions.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            return null;
        }

        var counters = document.Root?.Element(Ns + "ResultSummary")?.Element(Ns + "Counters");
        if (counters is null)
        {
            return null;
        }

        long Count(string name) => long.TryParse((string?)counters.Attribute(name), out var n) ? n : 0;
        var results = document.Root!.Element(Ns + "Results")?.Elements(Ns + "UnitTestResult").ToList() ?? [];
        var failing = results.Where(r => (string?)r.Attribute("outcome") is "Failed" or "Error" or "Timeout" or "Aborted").ToList();
        return new JsonObject
        {
            ["total"] = Count("total"),
            ["passed"] = Count("passed"),
            ["failed"] = Count("failed") + Count("error") + Count("timeout") + Count("aborted"),
            ["skipped"] = Count("notExecuted") + Math.Max(0, Count("total") - Count("executed") - Count("notExecuted")),
            ["outcome"] = (string?)document.Root.Element(Ns + "ResultSummary")?.Attribute("outcome"),
            ["failing"] = new JsonArray([.. failing.Take(MaxFailing).Select(r => (JsonNode)new JsonObject
            {
                ["name"] = (string?)r.Attribute("testName"),
                ["message"] = Bound(r.Element(Ns + "Output")?.Element(Ns + "ErrorInfo")?.Element(Ns + "Message")?.Value),
                ["stack_trace"] = Bound(r.Element(Ns + "Output")?.Element(Ns + "ErrorInfo")?.Element(Ns + "StackTrace")?.Value),
            })]),
            ["failing_not_listed"] = Math.Max(0, failing.Count - MaxFailing),
        };
    }

    private static string? Bound(string? text) => text is null ? null : text.Length <= MaxMessage ? text : text[..MaxMessage] + "…";
}
