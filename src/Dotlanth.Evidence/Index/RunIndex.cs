using System.Globalization;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Dotlanth.Evidence.Index;

/// <summary>
/// The local run index ("DotDB"): <c>index.db</c> in the store, SQLite in WAL mode, a cache of the sealed bundles
/// for questions like "the last failed run". The bundles are the truth: a missing or unreadable index is rebuilt
/// from them with one warning, never a failure.
/// </summary>
public sealed partial class RunIndex : IDisposable
{
    public const string FileName = "index.db";

    private readonly SqliteConnection _db;

    private RunIndex(string storeRoot, SqliteConnection db)
    {
        StoreRoot = storeRoot;
        _db = db;
    }

    public string StoreRoot { get; }

    /// <summary>Opens (creating, migrating, repairing as needed) the index of a store and folds in pending runs.</summary>
    public static RunIndex Open(string storeRoot, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        storeRoot = Path.GetFullPath(storeRoot);
        if (!Directory.Exists(storeRoot))
        {
            // Reading never creates a store (it would show up in git status without the store's own .gitignore).
            throw new EvidenceException(new EvidenceError(Codes.RunNotFound, $"there is no evidence store at {storeRoot}: no run was recorded here", "run 'dotnet evidence run -- <command>' first, or point --out at the store"));
        }

        var path = Path.Combine(storeRoot, FileName);
        var existed = File.Exists(path);
        var repaired = false;
        RunIndex index;
        try
        {
            index = Connect(storeRoot, path);
        }
        catch (SqliteException ex) when (IsReadOnly(ex))
        {
            // Reading needs no write: a store on a read-only mount (or not ours) is indexed in memory from its bundles.
            return InMemory(storeRoot);
        }
        catch (SqliteException ex) when (IsUnreadable(ex))
        {
            warn($"warning EVD0603: {FileName} was unreadable ({ex.SqliteErrorCode}: {ex.Message.TrimEnd('.')}); it was rebuilt from the bundles on disk");
            SqliteConnection.ClearAllPools();
            DeleteFiles(path);
            index = Connect(storeRoot, path);
            repaired = true;
        }

        // A repaired index, or one a newer version took up a schema version, is rebuilt without a word: nothing was lost.
        var expected = repaired || index.Upgraded;
        if ((!existed || expected) && RebuildUnlessBuilt(index, storeRoot, expected) is { } rebuilt)
        {
            warn($"warning EVD0603: {FileName} was missing; it was rebuilt from {rebuilt} bundle(s) on disk");
        }

        // Runs sealed since (after a rebuild the journal is empty and this costs one look).
        IndexJournal.Drain(storeRoot, index.AddById);

        return index;
    }

    /// <summary>
    /// Rebuilds a new, repaired or upgraded index with the journal held; returns the bundle count when bundles were
    /// missing from a new one (sealed but not in the journal), else null. A new index another process created and
    /// filled between this one's look and its connect was not missing: the journal catches it up instead.
    /// </summary>
    private static int? RebuildUnlessBuilt(RunIndex index, string storeRoot, bool expected)
    {
        using var held = IndexJournal.Hold(storeRoot);
        if (!expected && index.Count() > 0)
        {
            return null;
        }

        var pending = PendingCount(storeRoot);
        var count = index.RebuildHeld();
        return !expected && count > pending ? count : null;
    }

    /// <summary><c>reindex</c>: forgets everything and reads every sealed bundle again. Returns how many were indexed.</summary>
    public int Rebuild()
    {
        using var held = IndexJournal.Hold(StoreRoot);
        return RebuildHeld();
    }

    public void Add(IndexedRun run) => AddAll([run]);

    /// <summary>Many rows in one transaction: one fsync instead of one per run.</summary>
    public void AddAll(IEnumerable<IndexedRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        using var transaction = _db.BeginTransaction();
        foreach (var run in runs)
        {
            Insert(run, transaction);
        }

        transaction.Commit();
    }

    public void Remove(string runId)
    {
        using var transaction = _db.BeginTransaction();
        RemoveTests(runId, transaction);
        using var command = Command("DELETE FROM runs WHERE id = $id", ("$id", runId));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public void Dispose() => _db.Dispose();

    private static RunIndex Connect(string storeRoot, string path)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            db.Open();
            var index = new RunIndex(storeRoot, db);
            index.Migrate();
            return index;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_PERM: the file or its folder cannot be written.</summary>
    private static bool IsReadOnly(SqliteException ex) => ex.SqliteErrorCode is 8 or 14 or 10 or 3;

    private static RunIndex InMemory(string storeRoot)
    {
        var db = new SqliteConnection("Data Source=:memory:");
        db.Open();
        var index = new RunIndex(storeRoot, db);
        index.Migrate();
        using var transaction = db.BeginTransaction();
        index.InsertBundles(transaction);
        transaction.Commit();
        return index;
    }

    /// <summary>Reads every sealed bundle folder of the store into rows; returns how many were readable.</summary>
    private int InsertBundles(SqliteTransaction transaction)
    {
        var runs = Path.Combine(StoreRoot, BundleLayout.RunsFolder);
        var bundles = Directory.Exists(runs)
            ? Directory.EnumerateDirectories(runs).Where(d => RunId.IsValid(Path.GetFileName(d))).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        var count = 0;
        foreach (var bundle in bundles)
        {
            if (BundleFacts.Read(bundle) is { } run)
            {
                Insert(run, transaction);
                count++;
            }
        }

        return count;
    }

    private static bool IsUnreadable(SqliteException ex) => ex.SqliteErrorCode is 11 or 26; // SQLITE_CORRUPT, SQLITE_NOTADB

    private static void DeleteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static int PendingCount(string storeRoot)
    {
        var pending = Path.Combine(storeRoot, IndexJournal.FileName);
        return File.Exists(pending) ? File.ReadLines(pending).Count(RunId.IsValid) : 0;
    }

    private int RebuildHeld()
    {
        int count;
        using (var transaction = _db.BeginTransaction())
        {
            Execute("DELETE FROM checks; DELETE FROM runs; DELETE FROM test_states; DELETE FROM test_results; DELETE FROM test_runs; DELETE FROM tree_states; DELETE FROM tests;", transaction);
            count = InsertBundles(transaction);
            transaction.Commit();
        }

        IndexJournal.Clear(StoreRoot);
        return count;
    }

    private void AddById(IReadOnlyList<string> ids)
    {
        using var transaction = _db.BeginTransaction();
        foreach (var id in ids)
        {
            if (BundleFacts.Read(Path.Combine(StoreRoot, BundleLayout.RunsFolder, id)) is { } run)
            {
                Insert(run, transaction);
            }
        }

        transaction.Commit();
    }

    private static string Text(DateTimeOffset time) => Timestamps.Format(time);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private EvidenceException NewerSchema(long version) => new(new EvidenceError(
        Codes.IndexUnusable,
        $"{Path.Combine(StoreRoot, FileName)} has index schema {version}, newer than this dotnet-evidence understands ({Migrations.Length})",
        "update dotnet-evidence, or delete the file to rebuild it from the bundles"));
}
