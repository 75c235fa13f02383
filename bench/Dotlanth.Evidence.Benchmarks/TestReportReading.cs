using System.Text;
using BenchmarkDotNet.Attributes;
using Dotlanth.Evidence.TestReports;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>
/// A 100,000-case report in each format (5% failing with a stack and output, 3% skipped, 1% flaky): the target is
/// under 2 s per report, with memory that does not grow with it (allocations are per case; nothing holds the cases).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TestReportReading
{
    public const int Cases = 100_000;
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("evidence-bench-reports-").FullName;
        File.WriteAllText(Path.Combine(_folder, "junit.xml"), JUnit());
        File.WriteAllText(Path.Combine(_folder, "run.trx"), Trx());
        File.WriteAllText(Path.Combine(_folder, "ctrf.json"), Ctrf());
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "JUnit XML, 100,000 cases")]
    public long JUnitReport() => Read("junit.xml");

    [Benchmark(Description = "TRX, 100,000 cases")]
    public long TrxReport() => Read("run.trx");

    [Benchmark(Description = "CTRF JSON, 100,000 cases")]
    public long CtrfReport() => Read("ctrf.json");

    private long Read(string file)
    {
        long failing = 0;
        var reading = TestReport.Read(Path.Combine(_folder, file), c => failing += TestStatus.IsFailing(c.Status) ? 1 : 0);
        return reading.Complete && reading.Totals.Total == Cases ? failing : throw new InvalidOperationException(reading.Error ?? $"{reading.Totals.Total} cases");
    }

    private static string Kind(int i) => (i % 100) switch { < 5 => "failed", < 8 => "skipped", 8 => "flaky", _ => "passed" };

    internal static string JUnit()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bench\">\n");
        for (var suite = 0; suite < Cases / 100; suite++)
        {
            xml.Append("<testsuite name=\"com.example.Suite").Append(suite).Append("Test\" tests=\"100\">\n");
            for (var i = suite * 100; i < (suite + 1) * 100; i++)
            {
                xml.Append("  <testcase classname=\"com.example.Suite").Append(suite).Append("Test\" name=\"case").Append(i).Append("\" time=\"0.0").Append(i % 97).Append('"');
                switch (Kind(i))
                {
                    case "failed":
                        xml.Append("><failure message=\"expected: &lt;1&gt; but was: &lt;2&gt;\" type=\"org.opentest4j.AssertionFailedError\">org.opentest4j.AssertionFailedError: expected: &lt;1&gt; but was: &lt;2&gt;\n\tat org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:151)\n\tat com.example.Suite")
                            .Append(suite).Append("Test.case").Append(i).Append("(Suite").Append(suite).Append("Test.java:").Append(10 + (i % 90)).Append(")\n</failure><system-out>log line for case ").Append(i).Append("</system-out></testcase>\n");
                        break;
                    case "skipped":
                        xml.Append("><skipped message=\"disabled\"/></testcase>\n");
                        break;
                    case "flaky":
                        xml.Append("><flakyFailure message=\"timeout\" type=\"java.util.concurrent.TimeoutException\"><stackTrace>at com.example.Clock.tick(Clock.java:9)</stackTrace></flakyFailure></testcase>\n");
                        break;
                    default:
                        xml.Append("/>\n");
                        break;
                }
            }

            xml.Append("</testsuite>\n");
        }

        return xml.Append("</testsuites>\n").ToString();
    }

    private static string Trx()
    {
        var results = new StringBuilder();
        var definitions = new StringBuilder();
        for (var i = 0; i < Cases; i++)
        {
            var id = Guid.NewGuid().ToString();
            var outcome = Kind(i) switch { "failed" => "Failed", "skipped" => "NotExecuted", _ => "Passed" };
            results.Append("<UnitTestResult executionId=\"").Append(Guid.NewGuid()).Append("\" testId=\"").Append(id).Append("\" testName=\"Bench.Tests.Case").Append(i).Append("\" duration=\"00:00:00.0012345\" outcome=\"").Append(outcome).Append('"');
            results.Append(outcome == "Failed"
                ? "><Output><ErrorInfo><Message>Assert.Equal() Failure</Message><StackTrace>   at Bench.Tests.Case() in /src/Bench.Tests/CaseTests.cs:line 12</StackTrace></ErrorInfo></Output></UnitTestResult>\n"
                : " />\n");
            definitions.Append("<UnitTest name=\"Bench.Tests.Case").Append(i).Append("\" storage=\"/src/bench.tests.dll\" id=\"").Append(id).Append("\"><TestMethod className=\"Bench.Tests.CaseTests\" name=\"Case").Append(i).Append("\" /></UnitTest>\n");
        }

        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results>\n{results}</Results><TestDefinitions>\n{definitions}</TestDefinitions></TestRun>\n";
    }

    private static string Ctrf()
    {
        var json = new StringBuilder("{\"results\":{\"tool\":{\"name\":\"bench\"},\"summary\":{\"tests\":").Append(Cases).Append("},\"tests\":[\n");
        for (var i = 0; i < Cases; i++)
        {
            var kind = Kind(i);
            json.Append(i == 0 ? "" : ",\n").Append("{\"name\":\"case ").Append(i).Append("\",\"status\":\"").Append(kind == "flaky" ? "passed" : kind).Append("\",\"duration\":").Append(i % 97)
                .Append(kind == "failed" ? ",\"message\":\"expected 1 to be 2\",\"trace\":\"Error: expected 1 to be 2\\n    at /ci/app/src/case.test.ts:12:7\"" : "")
                .Append(kind == "flaky" ? ",\"flaky\":true,\"retries\":1" : "").Append('}');
        }

        return json.Append("\n]}}\n").ToString();
    }
}
