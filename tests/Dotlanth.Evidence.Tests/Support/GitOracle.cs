using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>
/// Checks a bundle's repository facts against what git itself says, asked independently of the tool: status for the
/// changed paths and the dirty state, rev-parse and symbolic-ref for HEAD, and the patch applied to the commit's own
/// tree, which must give the work tree's tree back.
/// </summary>
public static class GitOracle
{
    /// <param name="workTree">The work tree's top folder.</param>
    /// <param name="storeExcludes">Top-relative paths of the store, when git would otherwise see it (not ignored).</param>
    /// <param name="notApplied">Paths the patch cannot carry (submodules): left out of the tree comparison.</param>
    public static void AssertAgrees(string workTree, BundleOnDisk bundle, IReadOnlyList<string>? storeExcludes = null, IReadOnlyList<string>? notApplied = null)
    {
        storeExcludes ??= [];
        notApplied ??= [];
        var repo = bundle.Manifest["repo"]!.AsObject();
        var head = Processes.Run("git", ["rev-parse", "-q", "--verify", "HEAD^{commit}"], workTree);
        var commit = head.ExitCode == 0 ? head.Stdout.Trim() : null;
        Assert.Equal(commit, (string?)repo["commit"]);
        var symbolic = Processes.Run("git", ["symbolic-ref", "-q", "--short", "HEAD"], workTree);
        Assert.Equal(symbolic.ExitCode == 0 ? symbolic.Stdout.Trim() : null, (string?)repo["branch"]);

        var status = StatusPaths(workTree).Where(p => !storeExcludes.Any(s => p == s || p.StartsWith(s + "/", StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(status.Count > 0, (bool?)repo["dirty"]);
        var files = bundle.Json("changed_files.json")["files"]!.AsArray().OfType<JsonObject>().ToList();
        var listed = files.Select(f => (string)f["path"]!).ToHashSet(StringComparer.Ordinal);
        Assert.True(listed.IsSubsetOf(status), $"git status: [{string.Join(", ", status.Order())}]; changed_files.json: [{string.Join(", ", listed.Order())}]");
        // What status reports beyond the work tree's diff are changes only the index has: the file is as in HEAD.
        foreach (var path in status.Except(listed))
        {
            Assert.True(commit is not null && File.Exists(Path.Combine(workTree, path)), $"{path} is changed (git status) but not in changed_files.json");
            var inHead = Processes.Run("git", ["rev-parse", "-q", "--verify", $"HEAD:{path}"], workTree).Stdout.Trim();
            Assert.Equal(inHead, Processes.Git(workTree, "hash-object", "--no-filters", "--", path));
        }

        Assert.Equal(files.Count, (int?)repo["changed_files"]);
        foreach (var file in files.Where(f => f["sha256"] is not null))
        {
            Assert.Equal(Sha256(Path.Combine(workTree, (string)file["path"]!)), (string)file["sha256"]!);
        }

        Assert.Equal(WorkTreeTree(workTree, [.. storeExcludes, .. notApplied]), PatchedTree(workTree, commit, bundle, files, notApplied));
    }

    /// <summary>Every path <c>git status --porcelain=v2 -z --untracked-files=all</c> names (both sides of a rename).</summary>
    public static List<string> StatusPaths(string workTree)
    {
        var output = Processes.Git(workTree, "status", "--porcelain=v2", "-z", "--untracked-files=all");
        var records = output.Split('\0');
        var paths = new List<string>();
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            var skip = record.Length == 0 ? -1 : record[0] switch { '1' => 8, '2' => 9, 'u' => 10, '?' => 1, _ => -1 };
            if (skip < 0)
            {
                continue;
            }

            var parts = record.Split(' ', skip + 1);
            paths.Add(parts[skip].TrimEnd('/'));
            if (record[0] == '2')
            {
                paths.Add(records[++i]);
            }
        }

        return paths;
    }

    /// <summary>The tree git would write for the work tree as it is (from a copy of its index, so sparse entries stay).</summary>
    private static string WorkTreeTree(string workTree, IReadOnlyList<string> excluded)
    {
        using var scratch = new TempFolder();
        var index = Path.Combine(scratch.Path, "index");
        var real = Processes.Git(workTree, "rev-parse", "--git-path", "index");
        var realPath = Path.GetFullPath(real, workTree);
        if (File.Exists(realPath))
        {
            File.Copy(realPath, index);
        }

        var env = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = index };
        string[] pathspec = ["--", ":/", .. excluded.Select(e => ":(exclude,top)" + e)];
        Run(workTree, env, ["-c", "advice.addEmbeddedRepo=false", "add", "-A", "--sparse", .. pathspec]);
        foreach (var path in excluded)
        {
            Run(workTree, env, ["rm", "-r", "-q", "--cached", "--ignore-unmatch", "--sparse", "--", path]);
        }

        return Run(workTree, env, ["write-tree"]).Trim();
    }

    /// <summary>The commit's tree (or nothing) with diff.patch applied, binary files taken from the work tree when their digest matches.</summary>
    private static string PatchedTree(string workTree, string? commit, BundleOnDisk bundle, List<JsonObject> files, IReadOnlyList<string> notApplied)
    {
        using var scratch = new TempFolder();
        var tree = Path.Combine(scratch.Path, "tree");
        Directory.CreateDirectory(tree);
        Processes.Git(tree, "init", "-q");
        if (commit is not null)
        {
            var archive = Path.Combine(scratch.Path, "head.tar");
            Processes.Git(workTree, "-c", "core.autocrlf=false", "archive", "--format=tar", "-o", archive, commit);
            Processes.Run("tar", ["-xf", archive, "-C", tree], tree);
        }

        var binary = BinaryPaths(bundle.Text("diff.patch"));
        string[] excludes = [.. binary.Concat(notApplied).Select(p => "--exclude=" + p)];
        var patch = Path.Combine(bundle.Path, "diff.patch");
        if (new FileInfo(patch).Length > 0)
        {
            var apply = Processes.Run("git", ["apply", "--whitespace=nowarn", .. excludes, patch], tree);
            Assert.True(apply.ExitCode == 0, "diff.patch does not apply to the commit's tree: " + apply.Stderr);
        }

        foreach (var path in binary)
        {
            var entry = files.Single(f => (string)f["path"]! == path);
            var target = Path.Combine(tree, path);
            if (entry["sha256"] is null)
            {
                File.Delete(target);
                continue;
            }

            var source = Path.Combine(workTree, path);
            Assert.Equal(Sha256(source), (string)entry["sha256"]!);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }

        Processes.Git(tree, ["-c", "advice.addEmbeddedRepo=false", "add", "-A", "--", ".", .. notApplied.Select(p => ":(exclude)" + p)]);
        return Processes.Git(tree, "write-tree");
    }

    private static List<string> BinaryPaths(string patch) =>
        [.. patch.Split('\n').Where(l => l.StartsWith("Binary files ", StringComparison.Ordinal) && l.EndsWith(" differ", StringComparison.Ordinal))
            .Select(l => l["Binary files ".Length..^" differ".Length].Split(" and "))
            .Select(sides => (sides[1] == "/dev/null" ? sides[0] : sides[1])[2..])];

    private static string Run(string cwd, Dictionary<string, string?> env, string[] args)
    {
        var result = Processes.Run("git", args, cwd, env);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)} failed: {result.Stderr}");
        return result.Stdout;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
