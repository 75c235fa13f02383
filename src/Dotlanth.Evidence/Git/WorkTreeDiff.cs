using System.Security.Cryptography;
using System.Text;

namespace Dotlanth.Evidence.Git;

/// <summary>
/// The work tree against a base commit, untracked files included: git diff through a throwaway copy of the index in
/// which the untracked files are marked intent-to-add, so the user's index is never touched.
/// </summary>
internal sealed class WorkTreeDiff : IDisposable
{
    // Explicit so the user's diff settings (prefixes, textconv, external tools, submodule format) cannot change the patch.
    private static readonly string[] DiffOptions =
    [
        "-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames",
        "--ignore-submodules=none", "--submodule=short", "--src-prefix=a/", "--dst-prefix=b/",
    ];

    private readonly string _tempIndex = Path.Combine(Path.GetTempPath(), $"evidence-index-{Guid.NewGuid():N}");
    private readonly List<string> _unreadable = [];
    private readonly IReadOnlyList<string> _pathspec;
    private readonly string? _indexPath;

    /// <summary>git with the throwaway index: every question of this diff is asked through it.</summary>
    private readonly GitCli _scoped;

    public WorkTreeDiff(GitCli git, IReadOnlyList<string> pathspec, string? indexPath)
    {
        _scoped = git.WithEnvironment("GIT_INDEX_FILE", _tempIndex);
        _pathspec = pathspec;
        _indexPath = indexPath;
    }

    /// <summary>Untracked folders that are repositories of their own: git can list them, not diff them.</summary>
    public IReadOnlyList<string> EmbeddedRepositories { get; private set; } = [];

    /// <summary>Changed files whose content could not be read for its digest (permissions, or gone meanwhile).</summary>
    public IReadOnlyList<string> Unreadable => _unreadable;

    /// <summary>Copies the index and marks untracked files intent-to-add; the reason when git failed.</summary>
    public string? Prepare()
    {
        try
        {
            if (_indexPath is not null && File.Exists(_indexPath))
            {
                File.Copy(_indexPath, _tempIndex);
                // Racy-git detection compares file times with the index's own: the copy must keep the original's.
                File.SetLastWriteTimeUtc(_tempIndex, File.GetLastWriteTimeUtc(_indexPath));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the index could not be copied to a temporary file ({ex.Message}); check TMPDIR and free space";
        }

        var others = _scoped.Run(["ls-files", "-z", "--others", "--exclude-standard", "--", .. _pathspec]);
        if (!others.Ok)
        {
            return $"git ls-files --others failed: {others.Problem}";
        }

        var untracked = others.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        EmbeddedRepositories = [.. untracked.Where(p => p.EndsWith('/')).Select(p => p.TrimEnd('/'))];
        var files = untracked.Where(p => !p.EndsWith('/')).ToList();
        if (files.Count == 0)
        {
            return null;
        }

        // Each name as a literal path (a file may be called '*' or ':(top)x'), passed in a file rather than on a command line of any length.
        var list = _tempIndex + ".paths";
        try
        {
            File.WriteAllBytes(list, Encoding.UTF8.GetBytes(string.Concat(files.Select(f => f + "\0"))));
            var add = _scoped.WithEnvironment("GIT_LITERAL_PATHSPECS", "1")
                .Run("add", "--intent-to-add", "--sparse", "--pathspec-from-file=" + list, "--pathspec-file-nul");
            return add.Ok ? null : $"git add --intent-to-add failed: {add.Problem}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the list of untracked files could not be written to a temporary file ({ex.Message}); check TMPDIR and free space";
        }
        finally
        {
            Remove(list);
        }
    }

    /// <summary>Streams the patch against <paramref name="baseRev"/> into <paramref name="sink"/>.</summary>
    public GitResult WritePatch(string baseRev, Capture.IOutputSink sink) => _scoped.RunInto(sink, [.. DiffOptions, baseRev, "--", .. _pathspec]);

    /// <summary>Each changed path with its status letter; null with the reason when git failed.</summary>
    public (List<ChangedFile>? Files, string? Failure) ChangedFiles(string baseRev, string root)
    {
        var names = _scoped.Run([.. DiffOptions, "--name-status", "-z", baseRev, "--", .. _pathspec]);
        if (!names.Ok)
        {
            return (null, $"git diff --name-status failed: {names.Problem}");
        }

        var files = new List<ChangedFile>();
        var parts = names.Stdout.Split('\0');
        for (var i = 0; i + 1 < parts.Length && parts[i].Length > 0; i += 2)
        {
            files.Add(Describe(root, parts[i + 1], parts[i]));
        }

        files.AddRange(EmbeddedRepositories.Select(p => new ChangedFile(p, "A", null, null)));
        return (files, null);
    }

    public void Dispose() => Remove(_tempIndex);

    private static void Remove(string scratch)
    {
        try
        {
            File.Delete(scratch);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Never created (the temporary folder was unusable); nothing to remove.
        }
    }

    /// <summary>
    /// The working-tree content's size and digest: regular files only (not deletions, links or submodules). A file
    /// that cannot be read keeps no digest and is named in <see cref="Unreadable"/>.
    /// </summary>
    private ChangedFile Describe(string root, string path, string status)
    {
        var info = new FileInfo(Path.Combine(root, path));
        if (status[0] == 'D' || !info.Exists || info.LinkTarget is not null)
        {
            return new ChangedFile(path, status, null, null);
        }

        try
        {
            using var stream = info.OpenRead();
            return new ChangedFile(path, status, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _unreadable.Add(path);
            return new ChangedFile(path, status, null, null);
        }
    }
}
