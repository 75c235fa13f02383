using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Json;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// Builds one bundle in <c>runs/.staging/&lt;id&gt;</c> and seals it with a single rename into <c>runs/&lt;id&gt;</c>.
/// Every byte goes in through the redactor; once sealed nothing is written again.
/// </summary>
public sealed class BundleWriter
{
    private const UnixFileMode ReadOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly List<MissingPart> _missing = [];
    private readonly Lock _gate = new();
    private bool _sealed;
    private bool _noFolder;

    private BundleWriter(string runId, string stagingPath, string finalPath, IRedactor redactor)
    {
        RunId = runId;
        StagingPath = stagingPath;
        FinalPath = finalPath;
        Redactor = redactor;
    }

    public string RunId { get; }

    public string StagingPath { get; }

    public string FinalPath { get; }

    public IRedactor Redactor { get; }

    /// <summary>
    /// The first write that failed (a full disk, an I/O error), or null. From then on the bundle is known to be
    /// incomplete, each part that could not be written is listed as missing, and the run goes on: the command's
    /// result matters more than its record.
    /// </summary>
    public string? WriteFailure { get; private set; }

    /// <summary>False when not even the staging folder could be made: nothing of the run is on disk.</summary>
    public bool HasFolder => !_noFolder;

    public IReadOnlyList<MissingPart> Missing
    {
        get
        {
            lock (_gate)
            {
                return [.. _missing];
            }
        }
    }

    /// <summary>
    /// Creates a fresh staging folder under <paramref name="storeRoot"/>; a colliding id is drawn again. When the
    /// store cannot hold even that (a full disk), the writer records nothing and says so in <see cref="WriteFailure"/>,
    /// so the command still runs.
    /// </summary>
    public static BundleWriter Open(string storeRoot, IRedactor redactor, DateTimeOffset now)
    {
        try
        {
            return OpenFolder(storeRoot, redactor, now);
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            var id = Bundles.RunId.New(now);
            var runs = Path.Combine(Path.GetFullPath(storeRoot), BundleLayout.RunsFolder);
            var writer = new BundleWriter(id, Path.Combine(runs, BundleLayout.StagingFolder, id), Path.Combine(runs, id), redactor) { _noFolder = true };
            writer.RecordWriteFailure(".", ex);
            return writer;
        }
    }

    private static BundleWriter OpenFolder(string storeRoot, IRedactor redactor, DateTimeOffset now)
    {
        var runs = Path.Combine(Path.GetFullPath(storeRoot), BundleLayout.RunsFolder);
        var staging = CreateStoreFolder(storeRoot, Path.Combine(BundleLayout.RunsFolder, BundleLayout.StagingFolder));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var id = Bundles.RunId.New(now);
            var finalPath = Path.Combine(runs, id);
            var stagingPath = Path.Combine(staging, id);
            if (Directory.Exists(finalPath) || !TryCreateExclusive(stagingPath))
            {
                continue;
            }

            return new BundleWriter(id, stagingPath, finalPath, redactor);
        }

        throw new IOException($"Could not allocate a unique run id under {runs}.");
    }

    /// <summary>
    /// Creates <paramref name="folder"/> inside the store (and the store itself, ignoring itself, when it is new);
    /// returns its full path.
    /// </summary>
    public static string CreateStoreFolder(string storeRoot, string folder)
    {
        var root = Path.GetFullPath(storeRoot);
        var created = !Directory.Exists(root);
        var path = Directory.CreateDirectory(Path.Combine(root, folder)).FullName;
        if (created)
        {
            IgnoreStore(root);
        }

        return path;
    }

    /// <summary>A writer over the staging folder of an open run, for a step or the end that seals it.</summary>
    public static BundleWriter Join(OpenRun run, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(run);
        var runs = Path.GetDirectoryName(Path.GetDirectoryName(run.StagingPath)!)!;
        return new BundleWriter(run.RunId, run.StagingPath, Path.Combine(runs, run.RunId), redactor);
    }

    /// <summary>A writer over a staging folder whose process died, for recovery.</summary>
    public static BundleWriter Adopt(string stagingPath, IRedactor redactor)
    {
        var runs = Path.GetDirectoryName(Path.GetDirectoryName(stagingPath)!)!;
        var id = Path.GetFileName(stagingPath);
        return new BundleWriter(id, stagingPath, Path.Combine(runs, id), redactor);
    }

    /// <summary>
    /// Finishes a seal that a dying process began: bundle.json was written, so every file was final and hashed. Only
    /// when the files still match it; null otherwise (the manifest is then discarded and the run recovered).
    /// </summary>
    public static SealedBundle? FinishSeal(string stagingPath, IRedactor redactor, Action<Action>? publish = null)
    {
        var manifestPath = Path.Combine(stagingPath, BundleLayout.Manifest);
        JsonObject manifest;
        byte[] manifestBytes;
        try
        {
            manifestBytes = File.ReadAllBytes(manifestPath);
            manifest = JsonNode.Parse(manifestBytes)!.AsObject();
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            File.Delete(manifestPath);
            return null;
        }

        var writer = Adopt(stagingPath, redactor);
        writer.RemoveControlEntries();
        var files = writer.ListFiles();
        var listed = manifest["files"]?.AsArray().Select(f => ((string?)f?["path"], (long?)f?["bytes"], (string?)f?["sha256"])).ToList() ?? [];
        if (!listed.SequenceEqual(files.Select(f => ((string?)f.Path, (long?)f.Bytes, (string?)f.Sha256))))
        {
            File.Delete(manifestPath);
            return null;
        }

        writer.MakeReadOnlyAndMove(publish);
        return new SealedBundle(writer.RunId, writer.FinalPath, Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), files);
    }

    /// <summary>Dot-files at the top of a staging folder are control files (owner, lock, open-run state), never bundle content.</summary>
    public static bool IsControlEntry(string relativePath) => relativePath.StartsWith('.');

    /// <summary>Staging folders being made (see <see cref="TryCreateExclusive"/>): <c>.creating-PID-START-GUID</c>; never a run.</summary>
    public const string CreatingPrefix = ".creating-";

    public string PathOf(string relativePath)
    {
        if (_noFolder)
        {
            throw new IOException($"the bundle has no folder: {WriteFailure}");
        }

        var full = Path.Combine(StagingPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Writes a redacted JSON document; a file the disk refuses is listed as missing instead (see <see cref="WriteFailure"/>).</summary>
    public void WriteJson(string relativePath, JsonNode node)
    {
        EnsureOpen();
        var bytes = JsonText.ToDocument(JsonRedaction.Redact(node, Redactor));
        try
        {
            File.WriteAllBytes(PathOf(relativePath), bytes);
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            RecordWriteFailure(relativePath, ex);
            try
            {
                File.Delete(Path.Combine(StagingPath, relativePath));
            }
            catch (Exception cleanup) when (Values.StorageFaults.Is(cleanup))
            {
                // What could not be written may not be deletable either; the seal lists what is there.
            }
        }
    }

    /// <summary>
    /// Writes a file a run rewrites as it goes (written beside it, then renamed over it), so a process killed at any
    /// moment leaves the last complete version, never a torn one.
    /// </summary>
    public void ReplaceJson(string relativePath, JsonNode node)
    {
        var scratch = "." + relativePath.Replace('/', '-') + ".next";
        WriteJson(scratch, node);
        Rename(scratch, relativePath);
    }

    /// <summary>
    /// As <see cref="ReplaceJson"/>, for a document whose every string the caller already passed through this bundle's
    /// redactor: a file rewritten after each call of a long session, whose parts were redacted once, as they came.
    /// </summary>
    public void ReplaceRedactedJson(string relativePath, byte[] document)
    {
        EnsureOpen();
        var scratch = "." + relativePath.Replace('/', '-') + ".next";
        try
        {
            File.WriteAllBytes(PathOf(scratch), document);
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            RecordWriteFailure(relativePath, ex);
            return;
        }

        Rename(scratch, relativePath);
    }

    private void Rename(string scratch, string relativePath)
    {
        try
        {
            File.Move(PathOf(scratch), PathOf(relativePath), overwrite: true);
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            RecordWriteFailure(relativePath, ex);
        }
    }

    /// <summary>Lists a part the disk refused as missing and remembers the first such failure.</summary>
    public void RecordWriteFailure(string relativePath, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var reason = Values.StorageFaults.Describe(failure);
        lock (_gate)
        {
            WriteFailure ??= reason;
        }

        if (relativePath != ".")
        {
            AddMissing(relativePath, Diagnostics.Codes.BundleWriteFailed, $"could not be written: {reason}");
        }
    }

    /// <summary>A redacted copy of a JSON tree, for callers that must count hits before they finish a document.</summary>
    public JsonObject Redact(JsonObject node) => (JsonObject)JsonRedaction.Redact(node, Redactor)!;

    public JsonLinesWriter OpenJsonLines(string relativePath, bool createOnFirstLine = false)
    {
        EnsureOpen();
        return new JsonLinesWriter(_noFolder ? null : Path.Combine(StagingPath, relativePath), Redactor, ex => RecordWriteFailure(relativePath, ex), createOnFirstLine);
    }

    /// <summary>A bounded capture whose input is redacted first.</summary>
    public (IOutputSink Input, BoundedCapture Capture) OpenCapture(string relativePath, long maxBytes)
    {
        EnsureOpen();
        var capture = OpenBounded(relativePath, maxBytes);
        return (Redactor.Wrap(new PipelinedSink(capture)), capture);
    }

    /// <summary>The captures of one process's stdout and stderr, redacted as a pair (see <see cref="IRedactor.WrapPair"/>).</summary>
    public ((IOutputSink Input, BoundedCapture Capture) Stdout, (IOutputSink Input, BoundedCapture Capture) Stderr) OpenCapturePair(string stdoutPath, string stderrPath, long maxBytes)
    {
        EnsureOpen();
        var stdout = OpenBounded(stdoutPath, maxBytes);
        var stderr = OpenBounded(stderrPath, maxBytes);
        var (first, second) = Redactor.WrapPair(new PipelinedSink(stdout), new PipelinedSink(stderr));
        return ((first, stdout), (second, stderr));
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(StagingPath, relativePath));

    private BoundedCapture OpenBounded(string relativePath, long maxBytes)
    {
        void Failed(Exception ex) => RecordWriteFailure(relativePath, ex);
        string path;
        try
        {
            path = PathOf(relativePath);
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            // No folder for it: a capture that only counts and hashes.
            Failed(ex);
            return new BoundedCapture(null, maxBytes);
        }

        return new BoundedCapture(path, maxBytes, Failed);
    }

    public void AddMissing(string path, string code, string reason)
    {
        lock (_gate)
        {
            _missing.Add(new MissingPart(path, code, Redactor.Redact(reason)));
        }
    }

    /// <summary>
    /// Lists and hashes every file, writes bundle.json, flushes everything to disk and renames into place.
    /// <paramref name="publish"/> is handed the rename to run, so the caller can make it one step with its own
    /// bookkeeping (queueing the run for the index under the journal's lock).
    /// </summary>
    public SealedBundle Seal(JsonObject manifest, Action<Action>? publish = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        EnsureOpen();
        if (_noFolder)
        {
            throw new IOException($"nothing could be recorded: {WriteFailure}");
        }

        RemoveControlEntries();
        var files = ListFiles();
        manifest["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
        {
            ["path"] = f.Path,
            ["role"] = f.Role,
            ["bytes"] = f.Bytes,
            ["sha256"] = f.Sha256,
        })]);
        manifest[BundleFields.Missing] = new JsonArray([.. Missing.Select(m => (JsonNode)new JsonObject
        {
            ["path"] = m.Path,
            ["code"] = m.Code,
            ["reason"] = m.Reason,
        })]);
        var manifestBytes = JsonText.ToDocument(JsonRedaction.Redact(manifest, Redactor));
        var manifestPath = PathOf(BundleLayout.Manifest);
        using (var stream = new FileStream(manifestPath, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(manifestBytes);
            stream.Flush(flushToDisk: true);
        }

        MakeReadOnlyAndMove(publish);
        return new SealedBundle(RunId, FinalPath, Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), files);
    }

    private void MakeReadOnlyAndMove(Action<Action>? publish)
    {
        var owner = Path.Combine(StagingPath, BundleLayout.OwnerMarker);
        foreach (var path in Directory.EnumerateFiles(StagingPath, "*", SearchOption.AllDirectories).Where(p => p != owner))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, ReadOnlyFile);
            }
        }

        // The owner marker goes last, just before the rename: until then a folder without one is never stale.
        File.Delete(owner);
        (publish ?? (move => move()))(() =>
        {
            Directory.Move(StagingPath, FinalPath);
            DirectorySync.Flush(Path.GetDirectoryName(FinalPath)!);
            DirectorySync.Flush(Path.GetDirectoryName(StagingPath)!);
        });
        _sealed = true;
    }

    /// <summary>Every control entry but the owner marker, which <see cref="MakeReadOnlyAndMove"/> removes last.</summary>
    private void RemoveControlEntries()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(StagingPath).Where(e => IsControlEntry(Path.GetFileName(e)) && Path.GetFileName(e) != BundleLayout.OwnerMarker).ToList())
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }

    private List<BundleFile> ListFiles()
    {
        var result = new List<BundleFile>();
        var paths = Directory.EnumerateFiles(StagingPath, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(StagingPath, p).Replace('\\', '/'))
            .Where(p => p != BundleLayout.Manifest && !IsControlEntry(p))
            .Order(StringComparer.Ordinal);
        foreach (var relative in paths)
        {
            var full = Path.Combine(StagingPath, relative);
            using var handle = File.OpenHandle(full, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.FlushToDisk(handle);
            using var stream = new FileStream(handle, FileAccess.Read);
            var hash = SHA256.HashData(stream);
            result.Add(new BundleFile(relative, BundleLayout.RoleOf(relative), RandomAccess.GetLength(handle), Convert.ToHexStringLower(hash)));
        }

        return result;
    }

    private void EnsureOpen()
    {
        if (_sealed)
        {
            throw new InvalidOperationException($"Bundle {RunId} is sealed; it cannot be written again.");
        }
    }

    /// <summary>
    /// A store folder the tool creates ignores itself (as tool caches do), so it never shows up in git status.
    /// A folder that already existed (say <c>--out .</c>) is the user's and is left alone.
    /// </summary>
    private static void IgnoreStore(string root)
    {
        var ignore = Path.Combine(root, ".gitignore");
        if (File.Exists(ignore))
        {
            return;
        }

        try
        {
            using var file = new FileStream(ignore, FileMode.CreateNew, FileAccess.Write);
            file.Write("# Created by dotnet-evidence: the evidence store is not source.\n*\n"u8);
        }
        catch (IOException)
        {
            // Another run created it first.
        }
    }

    private static bool TryCreateExclusive(string path)
    {
        if (Directory.Exists(path))
        {
            return false;
        }

        // Made whole under a name no scan takes for a run, then renamed into place: a folder named by a run id always
        // has its owner marker, so a kill at any moment leaves nothing that recovery has to wait on or guess about.
        // The name itself says whose it is (pid and start time, which tells a live owner from a later process that
        // reuses its pid), so even a folder killed before its marker was written is known to be abandoned.
        var self = $"{Environment.ProcessId}-{Capture.ProcessTree.Find(Environment.ProcessId)?.StartTime ?? 0}";
        var creating = Path.Combine(Path.GetDirectoryName(path)!, $"{CreatingPrefix}{self}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(creating);
        try
        {
            File.WriteAllBytes(Path.Combine(creating, BundleLayout.OwnerMarker), System.Text.Encoding.ASCII.GetBytes(self.Replace('-', ' ') + "\n"));
        }
        catch
        {
            // A full disk is not a collision: drawing another id would not help.
            Directory.Delete(creating, recursive: true);
            throw;
        }

        try
        {
            // Two processes can race to the same id; rename(2) onto a folder that is not empty fails for the second.
            Directory.Move(creating, path);
            return true;
        }
        catch (IOException)
        {
            Directory.Delete(creating, recursive: true);
            return false;
        }
    }
}
