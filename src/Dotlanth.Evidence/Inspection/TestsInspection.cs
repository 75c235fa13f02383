using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Inspection;

/// <summary>
/// The tests part of <c>inspect</c> and <c>report</c>: totals over each test's final result, the failing tests (name,
/// message, file:line; at most <see cref="MaxListed"/>, failing first in report order), the flaky ones, and the
/// slowest. Null for a run without test cases.
/// </summary>
public static class TestsInspection
{
    public const int MaxListed = 200;
    public const int SlowestListed = 10;

    public static JsonObject? Build(RunTests tests, IReadOnlyList<CheckRecord> checks)
    {
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(checks);
        // A check that should have left reports but did not is still news: its totals are unknown, not zero.
        var incomplete = checks.Where(c => c.TestsIncomplete).Select(c => (JsonNode)JsonValue.Create(c.Label)).ToList();
        if (tests.IsEmpty && incomplete.Count == 0)
        {
            return null;
        }

        var failing = tests.Failing.ToList();
        var inspection = tests.Totals();
        inspection["incomplete_checks"] = new JsonArray([.. incomplete]);
        inspection["failing"] = new JsonArray([.. failing.Take(MaxListed).Select(t => (JsonNode)Case(t))]);
        inspection["failing_not_listed"] = Math.Max(0, failing.Count - MaxListed);
        inspection["flaky_tests"] = new JsonArray([.. tests.Flaky.Take(MaxListed).Select(t => (JsonNode)Case(t))]);
        inspection["slowest"] = new JsonArray([.. tests.Slowest(SlowestListed).Select(t => (JsonNode)Case(t))]);
        inspection["cases"] = new JsonArray([.. tests.Final.Take(MaxListed * 10).Select(t => (JsonNode)Case(t, brief: true))]);
        return inspection;
    }

    public static JsonObject Case(TestRecord test, bool brief = false)
    {
        ArgumentNullException.ThrowIfNull(test);
        var record = new JsonObject
        {
            ["check"] = test.Check,
            [BundleFields.Attempt] = test.Attempt,
            ["name"] = test.FullName,
            ["file"] = test.File,
            ["line"] = test.Line,
            [BundleFields.Status] = test.Status,
            [BundleFields.DurationMs] = test.DurationMs,
            ["retries"] = test.Retries,
        };
        if (!brief)
        {
            record["failure_type"] = test.FailureType;
            record["message"] = test.Message;
            record["details"] = test.Details;
        }

        return record;
    }

    /// <summary>"file:line" when known, for a reader to jump to.</summary>
    public static string? Location(JsonNode? test) =>
        (string?)test?["file"] is { } file ? (int?)test["line"] is { } line ? $"{file}:{line}" : file : null;
}
