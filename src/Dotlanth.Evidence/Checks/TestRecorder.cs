using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.TestReports;

namespace Dotlanth.Evidence.Checks;

/// <summary>
/// After a check: reads the test reports it wrote into tests.jsonl (one redacted record per case), keeps each report
/// redacted under <c>tests/&lt;check&gt;_&lt;attempt&gt;/</c>, and returns the totals for the check's record. A report
/// that is missing or cannot be read to its end is listed in missing[] and leaves the totals marked incomplete.
/// </summary>
internal static class TestRecorder
{
    public static JsonObject Record(BundleWriter bundle, IJsonLines tests, TestReportSearch search, string check, int attempt, string cwd, string? repoRoot)
    {
        try
        {
            return RecordAll(bundle, tests, search, check, attempt, cwd, repoRoot);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder of reports that cannot be listed: the check's record stands, its tests are unknown.
            bundle.AddMissing($"tests/{check}_{attempt}", Codes.TestReportUnreadable, $"check {check} attempt {attempt}: its test reports could not be read ({ex.Message})");
            return Summary(search, cwd, new JsonArray(), complete: false, totals: null);
        }
    }

    private static JsonObject RecordAll(BundleWriter bundle, IJsonLines tests, TestReportSearch search, string check, int attempt, string cwd, string? repoRoot)
    {
        var folder = $"tests/{check}_{attempt}";
        var totals = new TestTotals();
        var reports = new JsonArray();
        var complete = true;
        var found = search.Found();
        if (found.Count == 0)
        {
            complete = false;
            var wanted = search.How == "pytest" ? "the JUnit report asked of pytest (PYTEST_ADDOPTS)" : string.Join(", ", search.Patterns);
            bundle.AddMissing(folder, Codes.TestResultsMissing, $"check {check} attempt {attempt} wrote no test report: {wanted} (did the runner crash before writing it?)");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<JsonObject>();
        var files = new TestFiles(cwd, repoRoot);
        foreach (var source in found)
        {
            var target = $"{folder}/{UniqueName(names, Path.GetFileName(source))}";
            var reading = TestReport.Read(source, testCase =>
            {
                batch.Add(ToRecord(testCase, check, attempt, target, files));
                if (batch.Count == 1000)
                {
                    tests.AppendAll(batch);
                    batch.Clear();
                }
            });
            tests.AppendAll(batch);
            batch.Clear();
            totals.Add(reading.Totals);
            string? kept = target;
            try
            {
                ArtifactCollector.Copy(bundle, source, target);
            }
            catch (Exception ex) when (Values.StorageFaults.Is(ex))
            {
                bundle.RecordWriteFailure(target, ex);
                kept = null;
            }

            var shown = Display(source, search, cwd);
            if (reading.Error is { } error)
            {
                complete = false;
                bundle.AddMissing(target + "#cases", Codes.TestReportUnreadable, $"check {check}: test report {shown} could not be read to its end ({error}); {reading.Totals.Total} cases before that are recorded");
            }

            reports.Add((JsonNode)new JsonObject
            {
                ["source"] = shown,
                ["path"] = kept,
                ["format"] = reading.Format,
                ["cases"] = reading.Totals.Total,
                ["error"] = reading.Error,
            });
        }

        // With no report found the totals are unknown, not zero.
        return Summary(search, cwd, reports, complete, found.Count == 0 ? null : totals);
    }

    /// <summary>The check record's <c>tests</c>: how reports were looked for, what was read, and the totals (null: unknown).</summary>
    private static JsonObject Summary(TestReportSearch search, string cwd, JsonArray reports, bool complete, TestTotals? totals)
    {
        JsonNode? Count(Func<TestTotals, long> count) => totals is null ? null : JsonValue.Create(count(totals));
        return new JsonObject
        {
            ["collected_by"] = search.How,
            ["patterns"] = new JsonArray([.. search.Patterns.Select(p => (JsonNode?)JsonValue.Create(search.Injected ? Display(p, search, cwd) : p))]),
            ["reports"] = reports,
            ["complete"] = complete,
            ["total"] = Count(t => t.Total),
            ["passed"] = Count(t => t.Passed),
            ["failed"] = Count(t => t.Failed),
            ["errors"] = Count(t => t.Errors),
            ["skipped"] = Count(t => t.Skipped),
            ["flaky"] = Count(t => t.Flaky),
            [BundleFields.DurationMs] = Count(t => t.DurationMs),
        };
    }

    private static JsonObject ToRecord(TestCase testCase, string check, int attempt, string report, TestFiles files) => new()
    {
        [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
        ["check"] = check,
        [BundleFields.Attempt] = attempt,
        ["report"] = report,
        ["suite"] = testCase.Suite,
        ["name"] = testCase.Name,
        ["class"] = testCase.ClassName,
        ["file"] = testCase.File is { } file ? files.Resolve(file, testCase.ClassName) : null,
        ["line"] = testCase.Line,
        [BundleFields.Status] = testCase.Status,
        [BundleFields.DurationMs] = testCase.DurationMs,
        ["retries"] = testCase.Retries,
        ["flaky"] = testCase.Flaky,
        ["failure_type"] = testCase.FailureType,
        ["message"] = testCase.Message,
        ["details"] = testCase.Details,
        ["output"] = testCase.Output,
    };

    private static string Display(string source, TestReportSearch search, string cwd)
    {
        if (search.Injected)
        {
            return "pytest --junitxml (through PYTEST_ADDOPTS)";
        }

        var relative = Path.GetRelativePath(cwd, source).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) ? source : relative;
    }

    private static string UniqueName(HashSet<string> names, string name)
    {
        var unique = name;
        for (var n = 2; !names.Add(unique); n++)
        {
            unique = $"{n}-{name}";
        }

        return unique;
    }
}
