using System.Text.Json;

namespace Dotlanth.Evidence.MSBuild;

/// <summary>The result file's tests: totals and the failing tests with their location.</summary>
internal sealed record TestOutcome(int Total, int Passed, int Failed, int Errors, int Skipped, int Flaky, int FailingNotListed, IReadOnlyList<FailingTest> Failing, IReadOnlyList<string> IncompleteChecks)
{
    public static TestOutcome From(JsonElement tests)
    {
        int Count(string name) => RunOutcome.Number(tests, name) ?? 0;
        var failing = tests.TryGetProperty("failing", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(t => new FailingTest(
                RunOutcome.Text(t, "name") ?? "(unnamed)", RunOutcome.Text(t, "status") ?? "failed", RunOutcome.Text(t, "file"), RunOutcome.Text(t, "path"), RunOutcome.Number(t, "line"), RunOutcome.Text(t, "message"))).ToList()
            : [];
        var incomplete = tests.TryGetProperty("incomplete_checks", out var checks) && checks.ValueKind == JsonValueKind.Array
            ? checks.EnumerateArray().Select(c => c.GetString() ?? string.Empty).ToList()
            : [];
        return new TestOutcome(Count("total"), Count("passed"), Count("failed"), Count("errors"), Count("skipped"), Count("flaky"), Count("failing_not_listed"), failing, incomplete);
    }
}
