using Dotlanth.Evidence.TestReports;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.TestReports;

/// <summary>Writes a report to a temp file and reads it back: the cases in order, and how the reading ended.</summary>
internal static class ReportFile
{
    public static (List<TestCase> Cases, Dotlanth.Evidence.TestReports.ReportReading Reading) Read(string content, string name = "report.xml")
    {
        using var folder = new TempFolder();
        var cases = new List<TestCase>();
        var reading = TestReport.Read(folder.Write(name, content), cases.Add);
        return (cases, reading);
    }

    public static TestCase Single(this List<TestCase> cases, string name) => Assert.Single(cases, c => c.Name == name);
}
