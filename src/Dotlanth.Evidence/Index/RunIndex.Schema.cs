using Microsoft.Data.Sqlite;

namespace Dotlanth.Evidence.Index;

/// <summary>The index schema, versioned by <c>PRAGMA user_version</c>: each migration takes it one version up.</summary>
public sealed partial class RunIndex
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE runs(
            id TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            duration_ms INTEGER,
            outcome TEXT NOT NULL,
            exit_code INTEGER,
            commit_sha TEXT,
            branch TEXT,
            dirty INTEGER,
            ci_provider TEXT,
            ci_run_id TEXT,
            spec_id TEXT,
            spec_version TEXT,
            digest TEXT NOT NULL,
            path TEXT NOT NULL,
            bytes INTEGER NOT NULL);
        CREATE INDEX runs_started ON runs(started_at DESC, id DESC);
        CREATE INDEX runs_outcome ON runs(outcome, started_at DESC, id DESC);
        CREATE INDEX runs_commit ON runs(commit_sha);
        CREATE INDEX runs_branch ON runs(branch, started_at DESC);
        CREATE TABLE checks(
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            status TEXT NOT NULL,
            exit_code INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            PRIMARY KEY(run_id, name, attempt));
        CREATE INDEX checks_name ON checks(name, run_id);
        """,
        "ALTER TABLE checks ADD COLUMN command TEXT;",
        TestsSchema,
    ];

    /// <summary>True when this connection took an existing index up a version: its rows lack what the new columns hold.</summary>
    private bool Upgraded { get; set; }

    private void Migrate()
    {
        Execute("PRAGMA busy_timeout = 15000; PRAGMA foreign_keys = ON;");
        if (UserVersion() == Migrations.Length)
        {
            return;
        }

        // WAL lets readers go on while a writer folds runs in; the setting is kept in the file.
        Execute("PRAGMA journal_mode = WAL;");
        // IMMEDIATE: two processes creating the index at once take turns instead of both migrating.
        using var transaction = _db.BeginTransaction(deferred: false);
        var version = UserVersion(transaction);
        if (version > Migrations.Length)
        {
            throw NewerSchema(version);
        }

        Upgraded = version > 0;
        for (var next = version; next < Migrations.Length; next++)
        {
            Execute(Migrations[next], transaction);
        }

        Execute($"PRAGMA user_version = {Migrations.Length};", transaction);
        transaction.Commit();
    }

    private long UserVersion(SqliteTransaction? transaction = null)
    {
        using var command = Command("PRAGMA user_version;");
        command.Transaction = transaction;
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(sql);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
