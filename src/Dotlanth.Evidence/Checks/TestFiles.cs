using Dotlanth.Evidence.Git;

namespace Dotlanth.Evidence.Checks;

/// <summary>
/// Makes the files test reports name into repository paths, so annotations and links land on them: absolute paths
/// inside the repository, paths relative to the check's folder or the repository, and the bare file names of Java,
/// Kotlin and Go stacks (<c>CalcTest.java</c>) when exactly one file of the repository fits (the class's package
/// decides between several). A name nothing fits is kept as the report wrote it: never a guess.
/// </summary>
internal sealed class TestFiles(string cwd, string? repoRoot)
{
    private readonly Dictionary<(string, string?), string> _resolved = [];
    private List<string>? _repoFiles;

    public string Resolve(string file, string? className)
    {
        if (_resolved.TryGetValue((file, className), out var known))
        {
            return known;
        }

        return _resolved[(file, className)] = Find(file.Replace('\\', '/'), className);
    }

    private string Find(string file, string? className)
    {
        if (repoRoot is null)
        {
            return file;
        }

        if (Path.IsPathRooted(file))
        {
            return Inside(file) ?? file;
        }

        foreach (var folder in new[] { cwd, repoRoot })
        {
            var full = Path.GetFullPath(file, folder);
            if (File.Exists(full) && Inside(full) is { } relative)
            {
                return relative;
            }
        }

        var trimmed = file.TrimStart('.', '/');
        var candidates = RepoFiles().Where(f => f == trimmed || f.EndsWith("/" + trimmed, StringComparison.Ordinal)).ToList();
        if (candidates.Count > 1 && className is not null)
        {
            // com.example.CalcTest lives in .../com/example/CalcTest.java.
            var package = string.Join('/', className.Split('.')[..^1]);
            candidates = package.Length == 0 ? candidates : [.. candidates.Where(c => c.Contains(package + "/", StringComparison.Ordinal))];
        }

        return candidates.Count == 1 ? candidates[0] : file;
    }

    private string? Inside(string full)
    {
        var relative = Path.GetRelativePath(repoRoot!, full).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative) ? null : relative;
    }

    private List<string> RepoFiles()
    {
        if (_repoFiles is null)
        {
            var listed = new GitCli(repoRoot!).Run("ls-files", "-z", "--cached", "--others", "--exclude-standard");
            _repoFiles = listed.Ok ? [.. listed.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries)] : [];
        }

        return _repoFiles;
    }
}
