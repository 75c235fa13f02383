using System.Text;
using Dotlanth.Evidence.TestReports;

namespace Dotlanth.Evidence.Tests.Core.TestReports;

public sealed class TrxAndCtrfTests
{
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun id="1c4e" name="ci 2026-11-30 10:00:00" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Times creation="2026-11-30T10:00:00.0000000+00:00" start="2026-11-30T10:00:00.0000000+00:00" finish="2026-11-30T10:00:01.0000000+00:00" />
          <Results>
            <UnitTestResult executionId="e1" testId="t1" testName="Calc.Tests.CalcTests.Adds" computerName="ci" duration="00:00:00.0012345" startTime="2026-11-30T10:00:00.0000000+00:00" endTime="2026-11-30T10:00:00.0100000+00:00" testType="13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b" outcome="Passed" testListId="8c84fa94" relativeResultsDirectory="e1" />
            <UnitTestResult executionId="e2" testId="t2" testName="Calc.Tests.CalcTests.Subtracts" computerName="ci" duration="00:00:00.0200000" outcome="Failed" testListId="8c84fa94">
              <Output>
                <StdOut>about to subtract</StdOut>
                <ErrorInfo>
                  <Message>Assert.Equal() Failure: Values differ
        Expected: 1
        Actual:   -1</Message>
                  <StackTrace>   at Calc.Tests.CalcTests.Subtracts() in /src/Calc.Tests/CalcTests.cs:line 17
           at System.Reflection.MethodBaseInvoker.InterpretedInvoke_Method(Object obj, IntPtr* args)</StackTrace>
                </ErrorInfo>
                <TextMessages><Message>[xUnit.net 00:00:00.21]     Calc.Tests.CalcTests.Subtracts [FAIL]</Message></TextMessages>
              </Output>
            </UnitTestResult>
            <UnitTestResult executionId="e3" testId="t3" testName="Rows" duration="00:00:00.003" outcome="Failed" resultType="DataDrivenTest">
              <InnerResults>
                <UnitTestResult executionId="e4" parentExecutionId="e3" testId="t3" testName="Rows (1)" duration="00:00:00.001" outcome="Passed" resultType="DataDrivenDataRow" />
                <UnitTestResult executionId="e5" parentExecutionId="e3" testId="t3" testName="Rows (2)" duration="00:00:00.002" outcome="Failed" resultType="DataDrivenDataRow">
                  <Output><ErrorInfo><Message>row 2</Message></ErrorInfo></Output>
                </UnitTestResult>
              </InnerResults>
            </UnitTestResult>
            <UnitTestResult executionId="e6" testId="t4" testName="Calc.Tests.CalcTests.Later" duration="00:00:00" outcome="NotExecuted" />
            <UnitTestResult executionId="e7" testId="t5" testName="Calc.Tests.CalcTests.Hangs" outcome="Timeout" />
          </Results>
          <TestDefinitions>
            <UnitTest name="Calc.Tests.CalcTests.Adds" storage="/src/calc.tests/bin/debug/net10.0/calc.tests.dll" id="t1"><Execution id="e1" /><TestMethod codeBase="/src/Calc.Tests/bin/Debug/net10.0/Calc.Tests.dll" adapterTypeName="executor://xunit/VsTestRunner2/netcoreapp" className="Calc.Tests.CalcTests" name="Adds" /></UnitTest>
            <UnitTest name="Calc.Tests.CalcTests.Subtracts" storage="/src/calc.tests/bin/debug/net10.0/calc.tests.dll" id="t2"><TestMethod className="Calc.Tests.CalcTests, Calc.Tests, Version=1.0.0.0, Culture=neutral" name="Subtracts" /></UnitTest>
            <UnitTest name="Rows" storage="/src/calc.tests/bin/debug/net10.0/calc.tests.dll" id="t3"><TestMethod className="Calc.Tests.RowTests" name="Rows" /></UnitTest>
          </TestDefinitions>
          <ResultSummary outcome="Failed"><Counters total="5" executed="4" passed="2" failed="2" error="0" timeout="1" aborted="0" inconclusive="0" notExecuted="1" /></ResultSummary>
        </TestRun>
        """;

    [Fact]
    public void Trx_cases_get_their_class_from_the_definitions_after_them_and_the_source_line_from_the_stack()
    {
        var (cases, reading) = ReportFile.Read(Trx, "run.trx");
        Assert.Equal("trx", reading.Format);
        Assert.True(reading.Complete);
        // The data-driven parent is the sum of its rows; the rows are the cases.
        Assert.Equal(["Calc.Tests.CalcTests.Adds", "Calc.Tests.CalcTests.Subtracts", "Rows (1)", "Rows (2)", "Calc.Tests.CalcTests.Later", "Calc.Tests.CalcTests.Hangs"], cases.Select(c => c.Name));
        Assert.Equal((6, 2, 2, 1, 1), (reading.Totals.Total, reading.Totals.Passed, reading.Totals.Failed, reading.Totals.Errors, reading.Totals.Skipped));
        var subtracts = cases.Single("Calc.Tests.CalcTests.Subtracts");
        Assert.Equal(("Calc.Tests.CalcTests", "calc.tests", "/src/Calc.Tests/CalcTests.cs", 17), (subtracts.ClassName, subtracts.Suite, subtracts.File, subtracts.Line));
        Assert.StartsWith("Assert.Equal() Failure: Values differ", subtracts.Message, StringComparison.Ordinal);
        Assert.Contains("about to subtract", subtracts.Output, StringComparison.Ordinal);
        Assert.Equal(20L, subtracts.DurationMs);
        Assert.Equal(1L, cases.Single("Calc.Tests.CalcTests.Adds").DurationMs);
        var hangs = cases.Single("Calc.Tests.CalcTests.Hangs");
        Assert.Equal((TestStatus.Error, "Timeout", (long?)null), (hangs.Status, hangs.FailureType, hangs.DurationMs));
        Assert.Equal("Calc.Tests.RowTests", cases.Single("Rows (2)").ClassName);
    }

    [Fact]
    public void Ctrf_reads_statuses_retries_and_flaky_tests_and_an_unknown_status_is_never_a_pass()
    {
        var (cases, reading) = ReportFile.Read("""
            {
              "reportFormat": "CTRF", "specVersion": "0.0.0",
              "results": {
                "tool": { "name": "playwright" },
                "summary": { "tests": 5, "passed": 2, "failed": 1, "pending": 0, "skipped": 1, "other": 1, "start": 1, "stop": 2 },
                "tests": [
                  { "name": "logs in", "status": "passed", "duration": 1200, "suite": ["auth", "login"], "filePath": "e2e/auth.spec.ts" },
                  { "name": "logs out", "status": "passed", "duration": 800.4, "flaky": true, "retries": 2, "suite": "auth" },
                  { "name": "pays", "status": "failed", "duration": 3000, "message": "Timed out 5000ms waiting for expect(locator).toBeVisible()",
                    "trace": "Error: Timed out\n    at /ci/app/e2e/pay.spec.ts:42:17", "stdout": ["clicked pay"], "stderr": [] },
                  { "name": "refunds", "status": "skipped", "duration": 0 },
                  { "name": "interrupted one", "status": "other", "rawStatus": "interrupted", "duration": 10 }
                ]
              }
            }
            """, "ctrf-report.json");
        Assert.Equal("ctrf", reading.Format);
        Assert.True(reading.Complete, reading.Error);
        Assert.Equal((5, 2, 1, 1, 1, 1), (reading.Totals.Total, reading.Totals.Passed, reading.Totals.Failed, reading.Totals.Errors, reading.Totals.Skipped, reading.Totals.Flaky));
        Assert.Equal("auth > login", cases.Single("logs in").Suite);
        Assert.Equal((2, true, 800L), (cases.Single("logs out").Retries, cases.Single("logs out").Flaky, cases.Single("logs out").DurationMs));
        var pays = cases.Single("pays");
        Assert.Equal(("/ci/app/e2e/pay.spec.ts", 42, "clicked pay", "playwright"), (pays.File, pays.Line, pays.Output, pays.Suite));
        Assert.Equal((TestStatus.Error, "interrupted"), (cases.Single("interrupted one").Status, cases.Single("interrupted one").FailureType));
    }

    [Fact]
    public void A_ctrf_entry_larger_than_the_read_buffer_is_read_whole()
    {
        var big = new string('x', 300_000);
        var json = "{\"results\":{\"tool\":{\"name\":\"t\"},\"tests\":[{\"name\":\"a\",\"status\":\"passed\",\"duration\":1},{\"name\":\"b\",\"status\":\"failed\",\"message\":\"m\",\"trace\":\"" + big + "\"},{\"name\":\"c\",\"status\":\"passed\"}]}}";
        var (cases, reading) = ReportFile.Read(json, "r.json");
        Assert.True(reading.Complete, reading.Error);
        Assert.Equal(["a", "b", "c"], cases.Select(c => c.Name));
        Assert.EndsWith("[296000 more characters]", cases.Single("b").Details, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_report_keeps_the_cases_before_the_fault_and_says_where_it_broke()
    {
        var (cases, reading) = ReportFile.Read("<testsuites><testsuite name=\"s\"><testcase name=\"a\" time=\"0.1\"/><testcase name=\"b\"><failure message=\"x\">trace");
        Assert.False(reading.Complete);
        Assert.Equal(["a"], cases.Select(c => c.Name));
        Assert.StartsWith("malformed XML at line 1", reading.Error, StringComparison.Ordinal);

        var (jsonCases, json) = ReportFile.Read("""{"results":{"tests":[{"name":"a","status":"passed"},{"name":""", "r.json");
        Assert.False(json.Complete);
        Assert.Equal(["a"], jsonCases.Select(c => c.Name));
        Assert.StartsWith("malformed JSON", json.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_are_no_test_report_are_named_as_such()
    {
        Assert.Equal("not a JUnit XML, TRX or CTRF JSON report", ReportFile.Read("<html><body>oops</body></html>").Reading.Error);
        Assert.Equal("not a JUnit XML, TRX or CTRF JSON report", ReportFile.Read("PASS all tests").Reading.Error);
        Assert.Equal("not a CTRF report: there is no 'results' object", ReportFile.Read("""{"tests": []}""", "r.json").Reading.Error);
        Assert.Equal("not a JUnit XML, TRX or CTRF JSON report", ReportFile.Read("").Reading.Error);
    }

    [Fact]
    public void An_external_entity_is_refused_not_read()
    {
        using var folder = new Support.TempFolder();
        var secret = folder.Write("secret.txt", "TOP-SECRET");
        var (cases, reading) = ReportFile.Read($"""<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file://{secret}">]><testsuite name="s"><testcase name="a"><failure message="&x;"/></testcase></testsuite>""");
        Assert.False(reading.Complete);
        Assert.DoesNotContain(cases, c => (c.Message ?? "").Contains("TOP-SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void A_huge_system_out_is_bounded_in_the_record()
    {
        var text = new StringBuilder("<testsuite name=\"s\"><testcase name=\"a\"><failure message=\"m\"/><system-out>");
        text.Append('y', 5_000_000).Append("</system-out></testcase></testsuite>");
        var (cases, reading) = ReportFile.Read(text.ToString());
        Assert.True(reading.Complete);
        Assert.Equal(Excerpt.DetailsLimit + "… [4996000 more characters]".Length, cases[0].Output!.Length);
    }
}
