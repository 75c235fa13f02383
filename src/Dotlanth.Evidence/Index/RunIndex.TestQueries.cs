using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dotlanth.Evidence.Index;

/// <summary>Questions about tests across runs.</summary>
public sealed partial class RunIndex
{
    /// <summary>Flaky tests, most trees first, then most recently seen.</summary>
    public IReadOnlyList<FlakyTest> Flaky(string? check, int limit)
    {
        using var command = Command($"""
            SELECT t.check_name, t.class, t.name, t.file, t.line, count(*), sum(s.failed), sum(s.passed), sum(s.retried), max(s.last_failed_at), s.last_failed_run
            FROM test_states s INDEXED BY test_states_flaky JOIN tests t ON t.id = s.test_id
            WHERE ({FlakyCondition}) AND ($check IS NULL OR t.check_name = $check)
            GROUP BY s.test_id
            ORDER BY count(*) DESC, max(s.last_failed_at) DESC
            LIMIT $limit
            """, ("$check", check), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var flaky = new List<FlakyTest>();
        while (reader.Read())
        {
            flaky.Add(new FlakyTest(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), Nullable(reader, 3), reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), Time(reader, 9), Nullable(reader, 10)));
        }

        return flaky;
    }

    /// <summary>
    /// A test's results, newest run first. <paramref name="test"/> is its name, or its class and name joined by '.'
    /// (<c>tests.test_calc.test_add</c>, <c>Calc.Tests.CalcTests.Adds</c>).
    /// </summary>
    public IReadOnlyList<TestHistoryEntry> History(string test, string? check, int limit)
    {
        // CROSS JOIN keeps the few matching tests as the outer loop (SQLite does not reorder it), so their results are
        // found through test_results_test instead of by scanning every result of every run.
        using var command = Command("""
            SELECT k.run_id, k.started_at, runs.commit_sha, t.check_name, t.class, t.name, r.attempt, r.status, r.duration_ms, r.retries
            FROM tests t
            CROSS JOIN test_results r ON r.test_id = t.id
            JOIN test_runs k ON k.key = r.run_key
            LEFT JOIN runs ON runs.id = k.run_id
            WHERE (t.name = $test OR t.class || '.' || t.name = $test) AND ($check IS NULL OR t.check_name = $check)
            ORDER BY k.started_at DESC, k.run_id DESC, r.attempt DESC
            LIMIT $limit
            """, ("$test", test), ("$check", check), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var history = new List<TestHistoryEntry>();
        while (reader.Read())
        {
            history.Add(new TestHistoryEntry(
                reader.GetString(0), Time(reader, 1)!.Value, Nullable(reader, 2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetInt32(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetInt64(8), reader.GetInt32(9)));
        }

        return history;
    }

    /// <summary>How many test results the index holds (every case of every run).</summary>
    public long TestResultCount()
    {
        using var command = Command("SELECT count(*) FROM test_results");
        return (long)command.ExecuteScalar()!;
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) || reader.GetString(column).Length == 0 ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture);
}
