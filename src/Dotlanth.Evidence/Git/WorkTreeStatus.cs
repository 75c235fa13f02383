namespace Dotlanth.Evidence.Git;

/// <summary>
/// What <c>git status</c> says differs from HEAD (staged, unstaged, untracked; ignored files and the store left out):
/// the one measurement the <c>dirty</c> fact comes from, never derived from whether a diff could be built.
/// </summary>
public sealed record WorkTreeStatus(IReadOnlyList<string> Paths)
{
    public bool Dirty => Paths.Count > 0;

    /// <summary>The status of the work tree at <paramref name="git"/>'s folder, or the reason it could not be read.</summary>
    public static (WorkTreeStatus? Status, string? Failure) Read(GitCli git, IReadOnlyList<string> pathspec)
    {
        ArgumentNullException.ThrowIfNull(git);
        var status = git.Run(["status", "--porcelain=v2", "-z", "--untracked-files=all", "--ignore-submodules=none", "--", .. pathspec]);
        if (!status.Ok)
        {
            return (null, $"git status failed: {status.Problem}");
        }

        return Parse(status.Stdout) is { } paths
            ? (new WorkTreeStatus(paths), null)
            : (null, "git status printed an entry this tool does not understand");
    }

    /// <summary>
    /// Entries of <c>--porcelain=v2 -z</c>: ordinary (1), renamed or copied (2, followed by the original path),
    /// unmerged (u) and untracked (?). Null when an entry has another shape.
    /// </summary>
    internal static List<string>? Parse(string output)
    {
        var paths = new List<string>();
        var records = output.Split('\0');
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            if (record.Length == 0)
            {
                continue;
            }

            // Fields before the path: 8 for '1', 9 for '2', 10 for 'u', 1 for '?' and '!'.
            var fields = record[0] switch { '1' => 8, '2' => 9, 'u' => 10, '?' or '!' => 1, '#' => -1, _ => 0 };
            if (fields == 0)
            {
                return null;
            }

            if (fields < 0 || record[0] == '!')
            {
                continue;
            }

            var path = AfterFields(record, fields);
            if (path is null)
            {
                return null;
            }

            paths.Add(path.TrimEnd('/'));
            if (record[0] == '2')
            {
                if (++i >= records.Length)
                {
                    return null;
                }

                paths.Add(records[i]);
            }
        }

        return paths;
    }

    private static string? AfterFields(string record, int fields)
    {
        var at = 0;
        for (var n = 0; n < fields; n++)
        {
            at = record.IndexOf(' ', at) + 1;
            if (at == 0)
            {
                return null;
            }
        }

        return at < record.Length ? record[at..] : null;
    }
}
