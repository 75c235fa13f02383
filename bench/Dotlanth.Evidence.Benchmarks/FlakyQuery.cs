using BenchmarkDotNet.Attributes;
using Dotlanth.Evidence.Index;
using Microsoft.Data.Sqlite;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>
/// "Which tests are flaky" against an index of 100,000 runs × 1,000 tests (100 million results; 25,000 commits with four
/// runs each; 20 of the tests fail one run in ten). The target is under 200 ms, opening the index included. The rows are
/// bulk-loaded with SQL into the schema the tool creates, in the shape its incremental upkeep leaves them (the Core
/// tests check that upkeep against a recomputation); adding one more run of 1,000 tests through the tool is timed too.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class FlakyQuery
{
    private const int Runs = 100_000;
    private const int Tests = 1_000;
    private const int RunsPerCommit = 4;
    private string _store = "";

    [GlobalSetup]
    public void Setup()
    {
        _store = Directory.CreateTempSubdirectory("evidence-bench-flaky-").FullName;
        using (RunIndex.Open(_store, _ => { }))
        {
            // The schema, as the tool creates it.
        }

        using var db = new SqliteConnection($"Data Source={Path.Combine(_store, RunIndex.FileName)};Pooling=False");
        db.Open();
        foreach (var sql in new[]
        {
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;",
            "DROP INDEX test_results_test; DROP INDEX test_states_flaky;",
            $"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Tests - 1}) INSERT INTO tests(id, check_name, class, name, file, line) SELECT i + 1, 'unit', 'com.example.Suite' || (i / 50) || 'Test', 'case' || i, 'src/test/Suite' || (i / 50) || 'Test.java', 10 + i % 90 FROM n",
            $"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {(Runs / RunsPerCommit) - 1}) INSERT INTO tree_states(id, state) SELECT i + 1, printf('%040x', i) FROM n",
            $"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Runs - 1}) INSERT INTO test_runs(key, run_id, started_at, state_id) SELECT i + 1, strftime('%Y-%m-%dT%H-%M-%SZ', 1700000000 + i * 60, 'unixepoch') || printf('_%06x', i), strftime('%Y-%m-%dT%H:%M:%S.000Z', 1700000000 + i * 60, 'unixepoch'), i / {RunsPerCommit} + 1 FROM n",
            // Tests 1..20 are flaky: they fail one run in ten (a hash of run and test); every other test passes.
            "INSERT INTO test_results(run_key, test_id, attempt, state_id, status, duration_ms, retries) SELECT k.key, t.id, 1, k.state_id, CASE WHEN t.id <= 20 AND ((k.key * 2654435761 + t.id * 40503) % 10) = 0 THEN 'failed' ELSE 'passed' END, (k.key + t.id) % 500, 0 FROM test_runs k CROSS JOIN tests t ORDER BY k.key, t.id",
            "CREATE INDEX test_results_test ON test_results(test_id, state_id)",
            """
            INSERT INTO test_states(test_id, state_id, passed, failed, retried, last_failed_at, last_failed_run)
            SELECT r.test_id, r.state_id, sum(r.status = 'passed'), sum(r.status IN ('failed', 'error')), sum(r.status = 'passed' AND r.retries > 0),
                   max(CASE WHEN r.status IN ('failed', 'error') THEN k.started_at END), max(CASE WHEN r.status IN ('failed', 'error') THEN k.run_id END)
            FROM test_results r JOIN test_runs k ON k.key = r.run_key GROUP BY r.test_id, r.state_id
            """,
            "CREATE INDEX test_states_flaky ON test_states(test_id, passed, failed, retried, last_failed_at, last_failed_run) WHERE (passed > 0 AND failed > 0) OR retried > 0",
            "PRAGMA journal_mode = WAL; ANALYZE;",
        })
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }

        using var index = RunIndex.Open(_store, _ => { });
        if (index.TestResultCount() != (long)Runs * Tests || index.Flaky(null, 1000).Count != 20)
        {
            throw new InvalidOperationException("the benchmark index is not what it should be");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_store, recursive: true);

    private static readonly IndexedRun Extra = new(
        "2030-01-01T00-00-00Z_abcdef", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), null, 1000, "failed", 1, new string('0', 39) + "5", "main", false,
        null, null, null, null, new string('0', 64), "/nonexistent", 0)
    {
        TreeState = new string('0', 39) + "5",
        Tests = [.. Enumerable.Range(0, Tests).Select(i => new IndexedTest("unit", $"com.example.Suite{i / 50}Test", $"case{i}", null, null, 1, i < 20 ? "failed" : "passed", 12, 0))],
    };

    [Benchmark(Description = "index one more run of 1,000 tests, then gc it")]
    public long AddAndRemove()
    {
        using var index = RunIndex.Open(_store, _ => { });
        index.Add(Extra);
        index.Remove(Extra.Id);
        return index.TestResultCount();
    }

    [Benchmark(Description = "tests flaky (100,000 runs x 1,000 tests)")]
    public int Flaky()
    {
        using var index = RunIndex.Open(_store, _ => { });
        return index.Flaky(null, 50).Count;
    }

    [Benchmark(Description = "tests history of one test (100,000 results)")]
    public int History()
    {
        using var index = RunIndex.Open(_store, _ => { });
        return index.History("com.example.Suite0Test.case3", null, 50).Count;
    }
}
