using Microsoft.Data.Sqlite;

namespace Dotlanth.Evidence.Index;

/// <summary>
/// Every test case of every run, and per test and tested tree how often it passed and failed, kept up to date as runs
/// come and go, so "which tests are flaky" reads only the rows that are: a test that failed and passed on the same
/// commit and tree, or passed on a retry within one run.
/// </summary>
public sealed partial class RunIndex
{
    private const string TestsSchema = """
        CREATE TABLE tests(
            id INTEGER PRIMARY KEY,
            check_name TEXT NOT NULL,
            class TEXT NOT NULL,
            name TEXT NOT NULL,
            file TEXT,
            line INTEGER,
            UNIQUE(check_name, class, name));
        CREATE INDEX tests_name ON tests(name);
        CREATE TABLE tree_states(id INTEGER PRIMARY KEY, state TEXT NOT NULL UNIQUE);
        CREATE TABLE test_runs(
            key INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL UNIQUE,
            started_at TEXT NOT NULL,
            state_id INTEGER NOT NULL);
        CREATE TABLE test_results(
            run_key INTEGER NOT NULL,
            test_id INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            state_id INTEGER NOT NULL,
            status TEXT NOT NULL,
            duration_ms INTEGER,
            retries INTEGER NOT NULL,
            PRIMARY KEY(run_key, test_id, attempt)) WITHOUT ROWID;
        CREATE INDEX test_results_test ON test_results(test_id, state_id);
        CREATE TABLE test_states(
            test_id INTEGER NOT NULL,
            state_id INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            retried INTEGER NOT NULL,
            last_failed_at TEXT,
            last_failed_run TEXT,
            PRIMARY KEY(test_id, state_id)) WITHOUT ROWID;
        CREATE INDEX test_states_flaky ON test_states(test_id, passed, failed, retried, last_failed_at, last_failed_run) WHERE (passed > 0 AND failed > 0) OR retried > 0;
        """;

    /// <summary>The flaky-test condition, written once: the partial index (covering what the query reads) and the query must say the same.</summary>
    private const string FlakyCondition = "(passed > 0 AND failed > 0) OR retried > 0";

    private void InsertTests(IndexedRun run, SqliteTransaction transaction)
    {
        RemoveTests(run.Id, transaction);
        if (run.Tests.Count == 0)
        {
            return;
        }

        var state = run.TreeState ?? "run:" + run.Id;
        var stateId = Scalar(transaction, "INSERT INTO tree_states(state) VALUES ($s) ON CONFLICT(state) DO UPDATE SET state = excluded.state RETURNING id", ("$s", state));
        var started = Text(run.StartedAt);
        var runKey = Scalar(transaction, "INSERT INTO test_runs(run_id, started_at, state_id) VALUES ($id, $started, $state) RETURNING key", ("$id", run.Id), ("$started", started), ("$state", stateId));
        using var test = Prepared(transaction, """
            INSERT INTO tests(check_name, class, name, file, line) VALUES ($check, $class, $name, $file, $line)
            ON CONFLICT(check_name, class, name) DO UPDATE SET file = coalesce(excluded.file, file), line = coalesce(excluded.line, line)
            RETURNING id
            """, "$check", "$class", "$name", "$file", "$line");
        using var result = Prepared(transaction, """
            INSERT OR REPLACE INTO test_results(run_key, test_id, attempt, state_id, status, duration_ms, retries)
            VALUES ($run, $test, $attempt, $state, $status, $duration, $retries)
            """, "$run", "$test", "$attempt", "$state", "$status", "$duration", "$retries");
        using var tally = Prepared(transaction, """
            INSERT INTO test_states(test_id, state_id, passed, failed, retried, last_failed_at, last_failed_run)
            VALUES ($test, $state, $passed, $failed, $retried, $at, $run)
            ON CONFLICT(test_id, state_id) DO UPDATE SET
                passed = passed + excluded.passed, failed = failed + excluded.failed, retried = retried + excluded.retried,
                last_failed_run = CASE WHEN excluded.last_failed_at >= coalesce(last_failed_at, '') THEN excluded.last_failed_run ELSE last_failed_run END,
                last_failed_at = CASE WHEN excluded.last_failed_at >= coalesce(last_failed_at, '') THEN excluded.last_failed_at ELSE last_failed_at END
            """, "$test", "$state", "$passed", "$failed", "$retried", "$at", "$run");
        foreach (var t in run.Tests)
        {
            var testId = Run(test, t.Check, t.ClassName, t.Name, t.File, t.Line);
            Run(result, runKey, testId, t.Attempt, stateId, t.Status, t.DurationMs, t.Retries);
            var failing = t.Status is "failed" or "error";
            var flakyPass = t.Status == "passed" && t.Retries > 0;
            Run(tally, testId, stateId, t.Status == "passed" ? 1 : 0, failing ? 1 : 0, flakyPass ? 1 : 0, failing || flakyPass ? started : null, failing || flakyPass ? run.Id : null);
        }
    }

    /// <summary>Takes a run's results out of the index and its counts out of the tallies.</summary>
    private void RemoveTests(string runId, SqliteTransaction? transaction)
    {
        using var find = Command("SELECT key FROM test_runs WHERE run_id = $id", ("$id", runId));
        find.Transaction = transaction;
        if (find.ExecuteScalar() is not long runKey)
        {
            return;
        }

        foreach (var sql in new[]
        {
            """
            UPDATE test_states SET
                passed = passed - (SELECT count(*) FROM test_results r WHERE r.run_key = $run AND r.test_id = test_states.test_id AND r.state_id = test_states.state_id AND r.status = 'passed'),
                failed = failed - (SELECT count(*) FROM test_results r WHERE r.run_key = $run AND r.test_id = test_states.test_id AND r.state_id = test_states.state_id AND r.status IN ('failed', 'error')),
                retried = retried - (SELECT count(*) FROM test_results r WHERE r.run_key = $run AND r.test_id = test_states.test_id AND r.state_id = test_states.state_id AND r.status = 'passed' AND r.retries > 0)
            WHERE (test_id, state_id) IN (SELECT test_id, state_id FROM test_results WHERE run_key = $run)
            """,
            // The last failure may have been this run's: take it from the runs still there (a state holds few runs).
            $"""
            UPDATE test_states SET (last_failed_at, last_failed_run) = (
                SELECT k.started_at, k.run_id FROM test_results r JOIN test_runs k ON k.key = r.run_key
                WHERE r.test_id = test_states.test_id AND r.state_id = test_states.state_id AND r.run_key <> $run
                  AND (r.status IN ('failed', 'error') OR (r.status = 'passed' AND r.retries > 0))
                ORDER BY k.started_at DESC LIMIT 1)
            WHERE last_failed_run = (SELECT run_id FROM test_runs WHERE key = $run)
              AND (test_id, state_id) IN (SELECT test_id, state_id FROM test_results WHERE run_key = $run)
            """,
            "DELETE FROM test_states WHERE passed = 0 AND failed = 0 AND retried = 0 AND (test_id, state_id) IN (SELECT test_id, state_id FROM test_results WHERE run_key = $run)",
            "DELETE FROM test_results WHERE run_key = $run",
            "DELETE FROM test_runs WHERE key = $run",
        })
        {
            using var command = Command(sql, ("$run", runKey));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
    }

    private long Scalar(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.Transaction = transaction;
        return (long)command.ExecuteScalar()!;
    }

    private SqliteCommand Prepared(SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = Command(sql);
        command.Transaction = transaction;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static long Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteScalar() is long id ? id : 0;
    }
}
