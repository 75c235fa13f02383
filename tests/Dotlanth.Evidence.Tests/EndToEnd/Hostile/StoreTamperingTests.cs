using System.Formats.Tar;
using System.IO.Compression;
using Dotlanth.Evidence.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dotlanth.Evidence.Tests.EndToEnd.Hostile;

/// <summary>The store's index and its bundle folders as an attacker edits them: nothing outside the store is touched.</summary>
public sealed class StoreTamperingTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Gc_finds_bundles_by_run_id_and_never_deletes_a_path_the_index_names(bool absolute)
    {
        using var outside = new TempFolder();
        outside.Write("precious.txt", "keep me");
        using var repo = TempRepo.Create();
        var store = repo.Combine(".evidence");
        var first = Run(repo, store);
        var newest = Run(repo, store);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "ls").ExitCode);
        var target = absolute ? outside.Path : Path.GetRelativePath(store, outside.Path);
        Sql(store, "UPDATE runs SET path = $p WHERE id = $id", ("$p", target), ("$id", first));
        Sql(store, "INSERT INTO runs(id, started_at, outcome, digest, path, bytes) VALUES ($p, '2000-01-01T00:00:00Z', 'error', 'x', $p, 1)", ("$p", target));

        var gc = EvidenceCli.Run(repo.Path, "gc", "--keep", "0");

        Assert.Equal(0, gc.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(outside.Combine("precious.txt")));
        Assert.False(Directory.Exists(Path.Combine(store, "runs", first)), gc.Stdout);
        Assert.True(Directory.Exists(Path.Combine(store, "runs", newest)));
        Assert.DoesNotContain(target, gc.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Gc_refuses_to_delete_a_run_folder_that_is_a_link_and_goes_on()
    {
        using var outside = new TempFolder();
        outside.Write("precious.txt", "keep me");
        using var repo = TempRepo.Create();
        var store = repo.Combine(".evidence");
        var first = Run(repo, store);
        Run(repo, store);
        Assert.Equal(0, EvidenceCli.Run(repo.Path, "ls").ExitCode);
        var folder = Path.Combine(store, "runs", first);
        Directory.Move(folder, outside.Combine(first));
        Directory.CreateSymbolicLink(folder, outside.Combine(first));

        var gc = EvidenceCli.Run(repo.Path, "gc", "--keep", "0");

        Assert.Equal(0, gc.ExitCode);
        Assert.Contains($"warning EVD0801: run {first} was not deleted", gc.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(outside.Combine(first, "bundle.json")));
        Assert.Equal("keep me", File.ReadAllText(outside.Combine("precious.txt")));
    }

    [Fact]
    public void Commands_that_read_a_bundle_refuse_a_planted_link_and_verify_names_it()
    {
        using var outside = new TempFolder();
        var secret = outside.Write("shadow", "root:$6$planted-hash-of-the-host:19000:0:99999:7:::\n");
        using var repo = TempRepo.Create();
        var store = repo.Combine(".evidence");
        var id = Run(repo, store);
        var bundle = Path.Combine(store, "runs", id);
        var stdout = Directory.EnumerateFiles(Path.Combine(bundle, "stdout")).First();
        File.SetUnixFileMode(Path.Combine(bundle, "stdout"), (UnixFileMode)0x1ED);
        File.Delete(stdout);
        File.CreateSymbolicLink(stdout, secret);

        var archive = repo.Combine("out.tar.gz");
        var export = EvidenceCli.Run(repo.Path, "export", id, "-o", archive);
        var report = EvidenceCli.Run(repo.Path, "report", id, "-o", repo.Combine("page.html"));
        var compare = EvidenceCli.Run(repo.Path, "compare", id, id);
        var cat = EvidenceCli.Run(repo.Path, "cat", id, "stdout/" + Path.GetFileName(stdout));
        var verify = EvidenceCli.Run(repo.Path, "verify", id);

        foreach (var refused in new[] { export, report, compare, cat })
        {
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("error EVD0801:", refused.Stderr, StringComparison.Ordinal);
            Assert.Contains("which is a symbolic link", refused.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("planted-hash", refused.Stdout + refused.Stderr, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(archive));
        Assert.False(File.Exists(repo.Combine("page.html")));
        Assert.NotEqual(0, verify.ExitCode);
        Assert.Contains("is a symbolic link; a bundle holds plain files only", verify.Stdout + verify.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_reads_no_planted_fifo_and_names_it()
    {
        using var repo = TempRepo.Create();
        var store = repo.Combine(".evidence");
        var id = Run(repo, store);
        var bundle = Path.Combine(store, "runs", id);
        File.SetUnixFileMode(bundle, (UnixFileMode)0x1ED);
        File.Delete(Path.Combine(bundle, "env.json"));
        Assert.Equal(0, Processes.Run("mkfifo", [Path.Combine(bundle, "env.json")], repo.Path).ExitCode);

        var verify = EvidenceCli.Run(repo.Path, ["verify", id], timeoutSeconds: 60);
        var export = EvidenceCli.Run(repo.Path, ["export", id, "-o", repo.Combine("x.tar.gz")], timeoutSeconds: 60);

        Assert.Equal(2, verify.ExitCode);
        Assert.Contains("env.json: is a FIFO", verify.Stdout + verify.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, export.ExitCode);
        Assert.Contains("env.json, which is a FIFO", export.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_under_another_runs_folder_does_not_verify_is_not_indexed_and_a_renamed_archive_is_not_imported()
    {
        using var repo = TempRepo.Create();
        var store = repo.Combine(".evidence");
        var victim = Run(repo, store, "false");
        var forged = Run(repo, store);
        var forgedFolder = Path.Combine(store, "runs", forged);
        File.SetUnixFileMode(Path.Combine(store, "runs"), (UnixFileMode)0x1ED);
        Directory.Move(forgedFolder, repo.Combine("aside"));
        Directory.Delete(Path.Combine(store, "runs", victim), recursive: true);
        Directory.Move(repo.Combine("aside"), Path.Combine(store, "runs", victim));

        var verify = EvidenceCli.Run(repo.Path, "verify", victim);
        var reindex = EvidenceCli.Run(repo.Path, "reindex");
        var ls = EvidenceCli.Run(repo.Path, "ls");

        Assert.Equal(2, verify.ExitCode);
        Assert.Contains($"records run {forged}, but the bundle is in folder {victim}", verify.Stdout + verify.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, reindex.ExitCode);
        Assert.DoesNotContain(victim, ls.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(forged, ls.Stdout, StringComparison.Ordinal);

        using var other = TempRepo.Create();
        var good = Run(other, other.Combine(".evidence"));
        var archive = other.Combine("good.tar.gz");
        Assert.Equal(0, EvidenceCli.Run(other.Path, "export", good, "-o", archive).ExitCode);
        var renamed = Rename(archive, good, victim);
        using var target = TempRepo.Create();

        var import = EvidenceCli.Run(target.Path, "import", renamed);

        Assert.Equal(2, import.ExitCode);
        Assert.Contains($"records run {good}, but the bundle is in folder {victim}", import.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target.Combine(".evidence", "runs", victim)));
    }

    internal static string Run(TempFolder repo, string store, string command = "true") =>
        (string)BundleOnDisk.Of(EvidenceCli.Run(repo.Path, "run", "--", command), store).Manifest["run_id"]!;

    private static void Sql(string store, string sql, params (string Name, object Value)[] parameters)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(store, "index.db")};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>The same archive with its top folder renamed: what an attacker does to pass one run off as another.</summary>
    private static string Rename(string archive, string from, string to)
    {
        var renamed = archive + ".renamed.tar.gz";
        using var input = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var reader = new TarReader(input);
        using var output = new GZipStream(File.Create(renamed), CompressionLevel.Fastest);
        using var writer = new TarWriter(output, TarEntryFormat.Ustar);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            var copy = new UstarTarEntry(entry.EntryType, to + entry.Name[from.Length..]) { Mode = entry.Mode };
            if (entry.EntryType != TarEntryType.Directory)
            {
                copy.DataStream = entry.DataStream;
            }

            writer.WriteEntry(copy);
        }

        return renamed;
    }
}
