using Dotlanth.Evidence.TestReports;

namespace Dotlanth.Evidence.Tests.Core.TestReports;

/// <summary>JUnit XML as each runner writes it (hand-written in each runner's shape, attributes and nesting).</summary>
public sealed class JUnitDialectTests
{
    [Fact]
    public void Pytest_xunit1_gives_file_and_its_zero_based_line_becomes_one_based()
    {
        var (cases, reading) = ReportFile.Read("""
            <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="1" skipped="0" tests="2" time="0.031" timestamp="2026-11-30T10:00:00.000000" hostname="ci"><testcase classname="tests.test_calc" name="test_add" file="tests/test_calc.py" line="4" time="0.001" /><testcase classname="tests.test_calc" name="test_sub" file="tests/test_calc.py" line="7" time="0.002"><failure message="assert 4 == 5">def test_sub():
            &gt;       assert add(2, 2) == 5
            E       assert 4 == 5

            tests/test_calc.py:9: AssertionError</failure><system-out>computing</system-out></testcase></testsuite></testsuites>
            """);
        Assert.True(reading.Complete);
        Assert.Equal("junit", reading.Format);
        Assert.Equal((2, 1, 1), (reading.Totals.Total, reading.Totals.Passed, reading.Totals.Failed));
        var add = cases.Single("test_add");
        Assert.Equal(("tests/test_calc.py", 5, 1L), (add.File, add.Line, add.DurationMs));
        var sub = cases.Single("test_sub");
        Assert.Equal((TestStatus.Failed, "tests/test_calc.py", 8, "assert 4 == 5"), (sub.Status, sub.File, sub.Line, sub.Message));
        Assert.Equal("tests.test_calc", sub.ClassName);
        Assert.Equal("pytest", sub.Suite);
        Assert.Contains("E       assert 4 == 5", sub.Details, StringComparison.Ordinal);
        Assert.Equal("computing", sub.Output);
    }

    [Fact]
    public void Pytest_xunit2_has_no_file_attribute_so_the_failure_text_supplies_file_and_line()
    {
        var (cases, _) = ReportFile.Read("""
            <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4" time="0.05"><testcase classname="tests.test_io" name="test_read" time="0.003"><failure message="FileNotFoundError: [Errno 2] No such file">def test_read():
            &gt;       open("missing.txt")
            E       FileNotFoundError: [Errno 2] No such file

            tests/test_io.py:12: FileNotFoundError</failure></testcase><testcase classname="tests.test_io" name="test_fixture" time="0.000"><error message="failed on setup with &quot;ValueError: bad&quot;">@pytest.fixture
                def broken():
            &gt;       raise ValueError("bad")
            E       ValueError: bad

            tests/conftest.py:3: ValueError</error></testcase><testcase classname="tests.test_io" name="test_later" time="0.000"><skipped type="pytest.skip" message="later">tests/test_io.py:20: later</skipped></testcase><testcase classname="tests.test_io" name="test_ok" time="0.001" /></testsuite></testsuites>
            """);
        var read = cases.Single("test_read");
        Assert.Equal(("tests/test_io.py", 12), (read.File, read.Line));
        var fixture = cases.Single("test_fixture");
        Assert.Equal((TestStatus.Error, "tests/conftest.py", 3), (fixture.Status, fixture.File, fixture.Line));
        var later = cases.Single("test_later");
        Assert.Equal((TestStatus.Skipped, "later"), (later.Status, later.Message));
        Assert.Null(later.File); // a skip's location is not a failure to point at
    }

    [Fact]
    public void Jest_junit_reads_suites_by_describe_and_the_stack_frame_of_the_test_file()
    {
        var (cases, reading) = ReportFile.Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="jest tests" tests="3" failures="1" errors="0" time="1.204">
              <testsuite name="sum" errors="0" failures="1" skipped="1" timestamp="2026-11-30T10:00:00" time="0.9" tests="3">
                <testcase classname="sum adds two numbers" name="sum adds two numbers" time="0.002">
                </testcase>
                <testcase classname="sum subtracts" name="sum subtracts" time="0.004">
                  <failure>Error: expect(received).toBe(expected) // Object.is equality

            Expected: 1
            Received: -1
                at Object.toBe (/home/ci/app/node_modules/expect/build/index.js:218:22)
                at Object.&lt;anonymous&gt; (/home/ci/app/src/sum.test.js:9:27)
                at Promise.then.completed (/home/ci/app/node_modules/jest-circus/build/utils.js:298:28)</failure>
                </testcase>
                <testcase classname="sum later" name="sum later" time="0">
                  <skipped/>
                </testcase>
              </testsuite>
            </testsuites>
            """);
        Assert.Equal((3, 1, 1, 1), (reading.Totals.Total, reading.Totals.Passed, reading.Totals.Failed, reading.Totals.Skipped));
        var failing = cases.Single("sum subtracts");
        Assert.Equal(("/home/ci/app/src/sum.test.js", 9), (failing.File, failing.Line));
        Assert.Equal("Error: expect(received).toBe(expected) // Object.is equality", failing.Message);
        Assert.Equal("sum", failing.Suite);
    }

    [Fact]
    public void Vitest_reads_the_arrow_frame_of_its_failure_text()
    {
        var (cases, _) = ReportFile.Read("""
            <?xml version="1.0" encoding="UTF-8" ?>
            <testsuites name="vitest tests" tests="2" failures="1" errors="0" time="0.41">
                <testsuite name="src/math.test.ts" timestamp="2026-11-30T10:00:00.000Z" hostname="ci" tests="2" failures="1" errors="0" skipped="0" time="0.006">
                    <testcase classname="src/math.test.ts" name="math &gt; multiplies" time="0.001">
                    </testcase>
                    <testcase classname="src/math.test.ts" name="math &gt; divides" time="0.003">
                        <failure message="expected 2 to be 3 // Object.is equality" type="AssertionError">
            AssertionError: expected 2 to be 3 // Object.is equality
             ❯ src/math.test.ts:11:22
                        </failure>
                    </testcase>
                </testsuite>
            </testsuites>
            """);
        var divides = cases.Single("math > divides");
        Assert.Equal(("src/math.test.ts", 11, "AssertionError"), (divides.File, divides.Line, divides.FailureType));
    }

    [Fact]
    public void Go_junit_report_and_gotestsum_point_at_the_test_files_line_and_keep_the_package_as_class()
    {
        var (cases, reading) = ReportFile.Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites tests="3" failures="1" errors="0" time="0.012">
            	<testsuite tests="3" failures="1" time="0.012" name="example.com/calc" timestamp="2026-11-30T10:00:00Z">
            		<properties>
            			<property name="go.version" value="go1.22.1 linux/amd64"></property>
            		</properties>
            		<testcase classname="example.com/calc" name="TestAdd" time="0.000"></testcase>
            		<testcase classname="example.com/calc" name="TestDiv" time="0.010">
            			<failure message="Failed" type="">=== RUN   TestDiv
                calc_test.go:21: Div(1, 0) = 0; want error
            --- FAIL: TestDiv (0.01s)
            </failure>
            		</testcase>
            		<testcase classname="example.com/calc" name="TestSkipped" time="0.000">
            			<skipped message="calc_test.go:30: needs network"></skipped>
            		</testcase>
            	</testsuite>
            </testsuites>
            """);
        Assert.True(reading.Complete);
        var div = cases.Single("TestDiv");
        Assert.Equal(("example.com/calc", "calc_test.go", 21, "Failed"), (div.ClassName, div.File, div.Line, div.Message));
        Assert.Equal(TestStatus.Skipped, cases.Single("TestSkipped").Status);
    }

    [Fact]
    public void Surefire_flaky_and_rerun_failures_count_retries_and_a_test_that_passed_on_rerun_is_flaky()
    {
        var (cases, reading) = ReportFile.Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" version="3.0" name="com.example.CalcTest" time="0.35" tests="3" errors="0" skipped="0" failures="1" flakes="1">
              <properties>
                <property name="java.version" value="21.0.2"/>
              </properties>
              <testcase name="adds" classname="com.example.CalcTest" time="0.002"/>
              <testcase name="talksToClock" classname="com.example.CalcTest" time="0.101">
                <flakyFailure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError">
                  <stackTrace>org.opentest4j.AssertionFailedError: expected: &lt;1&gt; but was: &lt;2&gt;
            	at org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:151)
            	at com.example.CalcTest.talksToClock(CalcTest.java:31)</stackTrace>
                  <system-out><![CDATA[tick]]></system-out>
                </flakyFailure>
              </testcase>
              <testcase name="divides" classname="com.example.CalcTest" time="0.004">
                <failure message="expected: &lt;2&gt; but was: &lt;3&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected: <2> but was: <3>
            	at org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:150)
            	at com.example.CalcTest.divides(CalcTest.java:24)
            ]]></failure>
                <rerunFailure message="expected: &lt;2&gt; but was: &lt;3&gt;" type="org.opentest4j.AssertionFailedError">
                  <stackTrace>at com.example.CalcTest.divides(CalcTest.java:24)</stackTrace>
                </rerunFailure>
              </testcase>
            </testsuite>
            """);
        Assert.Equal((3, 2, 1, 1), (reading.Totals.Total, reading.Totals.Passed, reading.Totals.Failed, reading.Totals.Flaky));
        var flaky = cases.Single("talksToClock");
        Assert.True(flaky.Flaky);
        Assert.Equal((TestStatus.Passed, 1, "CalcTest.java", 31), (flaky.Status, flaky.Retries, flaky.File, flaky.Line));
        var divides = cases.Single("divides");
        Assert.Equal((TestStatus.Failed, 1, false), (divides.Status, divides.Retries, divides.Flaky));
        Assert.Equal(("CalcTest.java", 24, "org.opentest4j.AssertionFailedError"), (divides.File, divides.Line, divides.FailureType));
    }

    [Fact]
    public void Gradle_and_ctest_and_phpunit_and_rspec_shapes_read_with_their_own_quirks()
    {
        var (gradle, _) = ReportFile.Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="com.example.ParserTest" tests="1" skipped="0" failures="1" errors="0" timestamp="2026-11-30T10:00:00" hostname="ci" time="0.021">
              <properties/>
              <testcase name="parsesEmpty()" classname="com.example.ParserTest" time="0.02">
                <failure message="java.lang.IllegalStateException: empty" type="java.lang.IllegalStateException">java.lang.IllegalStateException: empty
            	at com.example.Parser.parse(Parser.kt:40)
            	at com.example.ParserTest.parsesEmpty(ParserTest.kt:12)
            </failure>
              </testcase>
              <system-out><![CDATA[]]></system-out>
              <system-err><![CDATA[]]></system-err>
            </testsuite>
            """);
        // The test's own frame, not the production code's, is where the failing test is.
        Assert.Equal(("ParserTest.kt", 12), (gradle[0].File, gradle[0].Line));

        var (ctest, ctestReading) = ReportFile.Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="Linux-c++" tests="3" failures="1" disabled="1" skipped="0" hostname="" time="0" timestamp="2026-11-30T10:00:00">
            	<testcase name="unit_math" classname="unit_math" time="0.0031" status="run">
            		<system-out>All tests passed</system-out>
            	</testcase>
            	<testcase name="unit_io" classname="unit_io" time="0.0123" status="fail">
            		<failure message="Failed"/>
            		<system-out>/src/tests/io_test.cpp:44: FAILED: REQUIRE( read() == 3 )</system-out>
            	</testcase>
            	<testcase name="slow_net" classname="slow_net" time="0" status="disabled">
            		<skipped message="Disabled"/>
            	</testcase>
            </testsuite>
            """);
        Assert.Equal((3, 1, 1, 1), (ctestReading.Totals.Total, ctestReading.Totals.Passed, ctestReading.Totals.Failed, ctestReading.Totals.Skipped));
        Assert.Contains("REQUIRE( read() == 3 )", ctest.Single("unit_io").Output, StringComparison.Ordinal);

        var (phpunit, _) = ReportFile.Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites>
              <testsuite name="default" tests="2" assertions="2" errors="0" failures="1" skipped="0" time="0.004">
                <testsuite name="App\Tests\CalcTest" file="/app/tests/CalcTest.php" tests="2" assertions="2" errors="0" failures="1" skipped="0" time="0.004">
                  <testcase name="testAdd" file="/app/tests/CalcTest.php" line="12" class="App\Tests\CalcTest" classname="App.Tests.CalcTest" assertions="1" time="0.001"/>
                  <testcase name="testSub" file="/app/tests/CalcTest.php" line="18" class="App\Tests\CalcTest" classname="App.Tests.CalcTest" assertions="1" time="0.003">
                    <failure type="PHPUnit\Framework\ExpectationFailedException">App\Tests\CalcTest::testSub
            Failed asserting that 4 matches expected 5.

            /app/tests/CalcTest.php:20</failure>
                  </testcase>
                </testsuite>
              </testsuite>
            </testsuites>
            """);
        var sub = phpunit.Single("testSub");
        // The report's own line (the test method) stands over the stack's; the suite nesting gives the inner suite.
        Assert.Equal(("/app/tests/CalcTest.php", 18, "App\\Tests\\CalcTest"), (sub.File, sub.Line, sub.Suite));
        Assert.Equal(("/app/tests/CalcTest.php", 12), (phpunit.Single("testAdd").File, phpunit.Single("testAdd").Line));

        var (rspec, _) = ReportFile.Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="rspec" tests="2" skipped="0" failures="1" errors="0" time="0.012" timestamp="2026-11-30T10:00:00+00:00" hostname="ci">
            <properties><property name="seed" value="1234"/></properties>
            <testcase classname="spec.calc_spec" name="Calc adds" file="./spec/calc_spec.rb" time="0.001"></testcase>
            <testcase classname="spec.calc_spec" name="Calc subtracts" file="./spec/calc_spec.rb" time="0.009"><failure message="expected: 1 got: -1" type="RSpec::Expectations::ExpectationNotMetError">Failure/Error: expect(calc.sub(1, 2)).to eq(1)
              expected: 1
                   got: -1
            # ./spec/calc_spec.rb:9:in `block (2 levels) in &lt;top (required)&gt;'</failure></testcase>
            </testsuite>
            """);
        Assert.Equal(("./spec/calc_spec.rb", 9), (rspec.Single("Calc subtracts").File, rspec.Single("Calc subtracts").Line));
    }

    [Fact]
    public void Nextest_flaky_run_is_passed_with_retries_and_its_first_failure_kept()
    {
        var (cases, reading) = ReportFile.Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="nextest-run" tests="2" failures="0" errors="0" uuid="5a1e" timestamp="2026-11-30T10:00:00.000+00:00" time="0.3">
                <testsuite name="calc" tests="2" disabled="0" errors="0" failures="0">
                    <testcase name="tests::adds" classname="calc" timestamp="2026-11-30T10:00:00.001+00:00" time="0.002">
                    </testcase>
                    <testcase name="tests::clock" classname="calc" timestamp="2026-11-30T10:00:00.002+00:00" time="0.012">
                        <flakyFailure timestamp="2026-11-30T10:00:00.002+00:00" time="0.005" type="test failure">thread &apos;tests::clock&apos; panicked at src/lib.rs:41:9:
            assertion `left == right` failed
              left: 1
             right: 2<system-out>running 1 test</system-out></flakyFailure>
                    </testcase>
                </testsuite>
            </testsuites>
            """);
        Assert.Equal(1, reading.Totals.Flaky);
        var clock = cases.Single("tests::clock");
        Assert.Equal((TestStatus.Passed, 1, "src/lib.rs", 41), (clock.Status, clock.Retries, clock.File, clock.Line));
        Assert.Equal("test failure", clock.FailureType);
    }

    [Fact]
    public void Missing_durations_are_unknown_not_zero_and_a_comma_decimal_is_read()
    {
        var (cases, reading) = ReportFile.Read("""
            <testsuite name="s"><testcase name="a"/><testcase name="b" time="1,5"/><testcase name="c" time="1,234.5"/><testcase name="d" time="soon"/></testsuite>
            """);
        Assert.Equal([null, 1500L, 1234500L, null], cases.Select(c => c.DurationMs));
        Assert.Equal(2, reading.Totals.UnknownDurations);
    }

    [Fact]
    public void An_element_skipped_right_before_the_verdict_does_not_hide_it()
    {
        // Regression: skipping <properties/> must not step over the <failure> that follows it, nor over the next case.
        var (cases, _) = ReportFile.Read("""
            <testsuite name="s"><testcase name="a"><properties><property name="k" value="v"/></properties><failure message="boom"/></testcase><testcase name="b"><properties/></testcase><testcase name="c"/></testsuite>
            """);
        Assert.Equal(["a", "b", "c"], cases.Select(c => c.Name));
        Assert.Equal(TestStatus.Failed, cases.Single("a").Status);
    }
}
