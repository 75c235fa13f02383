using System.Text;
using Dotlanth.Evidence.Bundles;
using Microsoft.Data.Sqlite;

namespace Dotlanth.Evidence.Index;

/// <summary>Writing and reading rows.</summary>
public sealed partial class RunIndex
{
    private const string Columns =
        "id, started_at, finished_at, duration_ms, outcome, exit_code, commit_sha, branch, dirty, ci_provider, ci_run_id, spec_id, spec_version, digest, path, bytes";

    /// <summary>Newest first, filtered; only the filters given become SQL, so each query can use its index.</summary>
    public IReadOnlyList<IndexedRun> Query(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        void Filter(string clause, string name, object? value)
        {
            where.Add(clause);
            parameters.Add((name, value));
        }

        if (query.Outcome is { } outcome)
        {
            Filter("outcome = $outcome", "$outcome", outcome);
        }

        if (query.Commit is { } commit)
        {
            Filter("commit_sha >= $commit AND commit_sha < $commitEnd", "$commit", commit.ToLowerInvariant());
            parameters.Add(("$commitEnd", commit.ToLowerInvariant() + "\uffff"));
        }

        if (query.Branch is { } branch)
        {
            Filter("branch = $branch", "$branch", branch);
        }

        if (query.Since is { } since)
        {
            Filter("started_at >= $since", "$since", Text(since));
        }

        if (query.Check is { } check)
        {
            Filter("EXISTS (SELECT 1 FROM checks c WHERE c.run_id = runs.id AND c.name = $check)", "$check", check);
        }

        var sql = new StringBuilder("SELECT ").Append(Columns).Append(" FROM runs");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        sql.Append(" ORDER BY started_at DESC, id DESC LIMIT $limit");
        parameters.Add(("$limit", query.Limit));
        return Read(sql.ToString(), [.. parameters]);
    }

    /// <summary>Runs whose id starts with <paramref name="prefix"/>, newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<IndexedRun> WithPrefix(string prefix, int limit) =>
        Read($"SELECT {Columns} FROM runs WHERE id >= $p AND id < $end ORDER BY id DESC LIMIT $limit", ("$p", prefix), ("$end", prefix + "\uffff"), ("$limit", limit));

    public int Count()
    {
        using var command = Command("SELECT count(*) FROM runs");
        return (int)(long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<IndexedCheck> ChecksOf(string runId)
    {
        using var command = Command("SELECT name, attempt, status, exit_code, duration_ms, command FROM checks WHERE run_id = $id ORDER BY rowid", ("$id", runId));
        using var reader = command.ExecuteReader();
        var checks = new List<IndexedCheck>();
        while (reader.Read())
        {
            checks.Add(new IndexedCheck(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4), Nullable(reader, 5)));
        }

        return checks;
    }

    private List<IndexedRun> Read(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var runs = new List<IndexedRun>();
        while (reader.Read())
        {
            // The row's path column is not trusted: the folder comes from the id, and a row whose id is not one is skipped.
            var id = reader.GetString(0);
            if (!RunId.IsValid(id))
            {
                continue;
            }

            runs.Add(new IndexedRun(
                reader.GetString(0),
                DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                Nullable(reader, 6),
                Nullable(reader, 7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8) != 0,
                Nullable(reader, 9),
                Nullable(reader, 10),
                Nullable(reader, 11),
                Nullable(reader, 12),
                reader.GetString(13),
                RunFolder.Of(StoreRoot, id),
                reader.GetInt64(15)));
        }

        return runs;
    }

    private void Insert(IndexedRun run, SqliteTransaction transaction)
    {
        using (var command = Command(
            $"INSERT OR REPLACE INTO runs({Columns}) VALUES ($id, $started, $finished, $duration, $outcome, $exit, $commit, $branch, $dirty, $ci, $ciRun, $spec, $specVersion, $digest, $path, $bytes)",
            ("$id", run.Id),
            ("$started", Text(run.StartedAt)),
            ("$finished", run.FinishedAt is { } finished ? Text(finished) : null),
            ("$duration", run.DurationMs),
            ("$outcome", run.Outcome),
            ("$exit", run.ExitCode),
            ("$commit", run.Commit),
            ("$branch", run.Branch),
            ("$dirty", run.Dirty is { } dirty ? (dirty ? 1 : 0) : null),
            ("$ci", run.CiProvider),
            ("$ciRun", run.CiRunId),
            ("$spec", run.SpecId),
            ("$specVersion", run.SpecVersion),
            ("$digest", run.Digest),
            ("$path", Path.GetRelativePath(StoreRoot, run.Path).Replace('\\', '/')),
            ("$bytes", run.Bytes)))
        {
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }

        using (var clear = Command("DELETE FROM checks WHERE run_id = $id", ("$id", run.Id)))
        {
            clear.Transaction = transaction;
            clear.ExecuteNonQuery();
        }

        foreach (var check in run.Checks)
        {
            using var command = Command(
                "INSERT OR REPLACE INTO checks(run_id, name, attempt, status, exit_code, duration_ms, command) VALUES ($id, $name, $attempt, $status, $exit, $duration, $command)",
                ("$id", run.Id), ("$name", check.Name), ("$attempt", check.Attempt), ("$status", check.Status), ("$exit", check.ExitCode), ("$duration", check.DurationMs), ("$command", check.Command));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }

        InsertTests(run, transaction);
    }

    private static string? Nullable(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
