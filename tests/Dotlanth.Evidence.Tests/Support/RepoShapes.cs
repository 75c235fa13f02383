namespace Dotlanth.Evidence.Tests.Support;

/// <summary>
/// Repositories as users and CI have them, each made with real git in a temp folder, with changes of every kind git
/// distinguishes. <see cref="MadeShape"/> says where to run and what git would see of the store.
/// </summary>
public static class RepoShapes
{
    public static IReadOnlyDictionary<string, Func<TempFolder, MadeShape>> All { get; } = new Dictionary<string, Func<TempFolder, MadeShape>>
    {
        ["the user's .gitignore lists the store"] = f => InRepo(f, repo => Commit(Write(repo, ".gitignore", "bin/\n.evidence/\n"))),
        ["info/exclude lists the store"] = f => InRepo(f, repo => File.AppendAllText(Path.Combine(repo, ".git", "info", "exclude"), ".evidence/\n")),
        ["core.excludesFile lists the store"] = f => InRepo(f, repo =>
        {
            File.WriteAllText(Path.Combine(f.Path, "global-ignore"), ".evidence\n");
            Processes.Git(repo, "config", "core.excludesFile", Path.Combine(f.Path, "global-ignore"));
        }),
        ["the store ignores itself"] = f => InRepo(f, _ => { }),
        ["a store outside the repository"] = f => InRepo(f, _ => { }) with { Args = ["--out", f.Combine("elsewhere")], Store = f.Combine("elsewhere") },
        ["a store in a subfolder git does not ignore"] = f =>
        {
            var made = InRepo(f, repo => Write(repo, "ci/evidence/NOTES.txt", "the team's folder\n"));
            return made with { Args = ["--out", "ci/evidence"], Store = Path.Combine(made.WorkTree, "ci", "evidence"), StoreExcludes = ["ci/evidence"] };
        },
        ["a store reached through a symbolic link"] = f =>
        {
            var made = InRepo(f, repo => Directory.CreateDirectory(Path.Combine(repo, "ci", "evidence")));
            File.CreateSymbolicLink(f.Combine("ci-link"), Path.Combine(made.WorkTree, "ci"));
            var store = f.Combine("ci-link", "evidence");
            return made with { Args = ["--out", store], Store = store, StoreExcludes = ["ci/evidence"] };
        },
        ["run from a subfolder"] = f =>
        {
            var made = InRepo(f, repo => Write(repo, "src/deep/new.txt", "new\n"));
            return made with { Cwd = Path.Combine(made.WorkTree, "src") };
        },
        ["--out from a subfolder into another subfolder"] = f =>
        {
            // The folder exists before the run, so the tool leaves it as the user made it: not ignored.
            var made = InRepo(f, repo => Directory.CreateDirectory(Path.Combine(repo, "out", "store")));
            return made with { Cwd = Path.Combine(made.WorkTree, "src"), Args = ["--out", "../out/store"], Store = Path.Combine(made.WorkTree, "out", "store"), StoreExcludes = ["out/store"] };
        },
        ["a linked worktree"] = f =>
        {
            var main = Base(f.Combine("main"));
            var tree = f.Combine("linked");
            Processes.Git(main, "worktree", "add", "-q", "-b", "topic", tree);
            Changes(tree);
            return Made(tree);
        },
        ["a submodule, unchanged"] = f => WithSubmodule(f, (_, _) => { }),
        ["a submodule at another commit with untracked content"] = f => WithSubmodule(f, (repo, sub) =>
        {
            Write(sub, "more.txt", "more\n");
            Processes.Git(sub, "add", ".");
            Processes.Git(sub, "commit", "-q", "-m", "more");
            Write(sub, "scratch.txt", "untracked in the submodule\n");
        }) with
        {
            Extra = bundle => Assert.Contains("+Subproject commit ", bundle.Text("diff.patch"), StringComparison.Ordinal),
        },
        ["a sparse checkout"] = f =>
        {
            var repo = Base(f.Combine("repo"));
            Commit(Write(Write(repo, "keep/a.txt", "a\n"), "drop/b.txt", "b\n"));
            Processes.Git(repo, "sparse-checkout", "set", "--cone", "keep");
            Assert.False(File.Exists(Path.Combine(repo, "drop", "b.txt")));
            Write(repo, "keep/a.txt", "a changed\n");
            Write(repo, "keep/new.txt", "new\n");
            return Made(repo);
        },
        ["a detached HEAD in a shallow clone of depth 1"] = f =>
        {
            var origin = Base(f.Combine("origin"));
            Commit(Write(origin, "second.txt", "2\n"));
            Processes.Git(f.Path, "clone", "-q", "--depth", "1", "file://" + origin, "clone");
            var clone = f.Combine("clone");
            Processes.Git(clone, "checkout", "-q", "--detach");
            Changes(clone);
            return Made(clone);
        },
        ["an empty repository with no commits"] = f =>
        {
            var repo = f.Combine("repo");
            Directory.CreateDirectory(repo);
            Init(repo);
            Write(repo, "staged.txt", "staged\n");
            Processes.Git(repo, "add", "staged.txt");
            Write(repo, "untracked.txt", "untracked\n");
            return Made(repo);
        },
        ["core.autocrlf"] = f =>
        {
            var repo = Base(f.Combine("repo"));
            Processes.Git(repo, "config", "core.autocrlf", "true");
            Commit(Write(Write(repo, "crlf.txt", "one\r\ntwo\r\n"), "other.txt", "x\r\n"));
            Write(repo, "crlf.txt", "one\r\ntwo changed\r\n");
            return Made(repo);
        },
        ["a mode-only change"] = f =>
        {
            var repo = Base(f.Combine("repo"));
            File.SetUnixFileMode(Path.Combine(repo, "src", "app.txt"), File.GetUnixFileMode(Path.Combine(repo, "src", "app.txt")) | UnixFileMode.UserExecute);
            return Made(repo);
        },
        ["rename, deletion, binary, symlink, case-only rename, staged then changed"] = f =>
        {
            var repo = Base(f.Combine("repo"));
            File.WriteAllBytes(Path.Combine(repo, "image.bin"), [0, 1, 2, 3, 0, 255]);
            File.WriteAllBytes(Path.Combine(repo, "gone.bin"), [0, 9, 9]);
            Commit(Write(Write(repo, "old-name.txt", "rename me\n"), "readme.txt", "case\n"));
            Processes.Git(repo, "mv", "old-name.txt", "new-name.txt");
            Processes.Git(repo, "mv", "readme.txt", "README.txt");
            Processes.Git(repo, "rm", "-q", "gone.bin");
            File.WriteAllBytes(Path.Combine(repo, "image.bin"), [0, 1, 2, 4, 0, 254]);
            File.WriteAllBytes(Path.Combine(repo, "new.bin"), [0, 0, 7]);
            File.CreateSymbolicLink(Path.Combine(repo, "link-to-app"), "src/app.txt");
            Write(repo, "src/app.txt", "staged\n");
            Processes.Git(repo, "add", "src/app.txt");
            Write(repo, "src/app.txt", "staged then changed again\n");
            return Made(repo);
        },
        ["file names with spaces, non-ASCII, quotes and a newline"] = f =>
        {
            var repo = Base(f.Combine("repo"));
            Commit(Write(Write(repo, "with space.txt", "s\n"), "naïve-日本.txt", "n\n"));
            Write(repo, "with space.txt", "s changed\n");
            Write(repo, "naïve-日本.txt", "n changed\n");
            Write(repo, "quote\"d 'name'.txt", "q\n");
            Write(repo, "new\nline.txt", "nl\n");
            Write(repo, "*.txt", "a glob character in a name\n");
            return Made(repo);
        },
        ["untracked files inside ignored folders"] = f =>
        {
            var repo = Base(f.Combine("repo"));
            Commit(Write(repo, ".gitignore", "build/\n*.log\n"));
            Write(repo, "build/out/app.dll", "binary-ish\n");
            Write(repo, "debug.log", "log\n");
            Write(repo, "visible.txt", "seen\n");
            return Made(repo);
        },
        ["changes only the index has: staged then undone, untracked but kept"] = f =>
        {
            var repo = Base(f.Combine("repo"));
            var app = Path.Combine(repo, "src", "app.txt");
            var original = File.ReadAllText(app);
            File.WriteAllText(app, "staged\n");
            Processes.Git(repo, "add", "src/app.txt");
            File.WriteAllText(app, original);
            Processes.Git(repo, "rm", "-q", "--cached", "README.md");
            return Made(repo);
        },
        ["a clean tree"] = f => Made(Base(f.Combine("repo"))) with { ExpectDirty = false },
        ["a file touched but not changed"] = f =>
        {
            var repo = Base(f.Combine("repo"));
            File.SetLastWriteTimeUtc(Path.Combine(repo, "src", "app.txt"), DateTime.UtcNow.AddHours(1));
            return Made(repo) with { ExpectDirty = false };
        },
        ["a merge with a conflict"] = f =>
        {
            var repo = Base(f.Combine("repo"));
            Processes.Git(repo, "checkout", "-q", "-b", "other");
            Commit(Write(repo, "src/app.txt", "theirs\n"));
            Processes.Git(repo, "checkout", "-q", "main");
            Commit(Write(repo, "src/app.txt", "ours\n"));
            Assert.NotEqual(0, Processes.Run("git", ["merge", "-q", "other"], repo).ExitCode);
            return Made(repo);
        },
    };

    private static MadeShape InRepo(TempFolder folder, Action<string> arrange)
    {
        var repo = Base(folder.Combine("repo"));
        arrange(repo);
        Changes(repo);
        return Made(repo);
    }

    private static MadeShape WithSubmodule(TempFolder folder, Action<string, string> arrange)
    {
        var library = Base(folder.Combine("library"));
        var repo = Base(folder.Combine("repo"));
        Processes.Git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", library, "lib");
        Processes.Git(repo, "commit", "-q", "-m", "add the library");
        arrange(repo, Path.Combine(repo, "lib"));
        Changes(repo);
        return Made(repo) with { NotApplied = ["lib"] };
    }

    /// <summary>A repository with one commit of a few files.</summary>
    private static string Base(string path)
    {
        Directory.CreateDirectory(path);
        Init(path);
        Write(path, "README.md", "# sample\n");
        Write(path, "src/app.txt", "line one\n");
        Write(path, "src/remove-me.txt", "going\n");
        Commit(path);
        return path;
    }

    private static void Init(string path)
    {
        Processes.Git(path, "init", "-q", "-b", "main");
        Processes.Git(path, "config", "user.email", "test@example.com");
        Processes.Git(path, "config", "user.name", "Test");
        Processes.Git(path, "config", "commit.gpgsign", "false");
    }

    /// <summary>A modification, a deletion and an untracked file: what a work tree under way has.</summary>
    private static void Changes(string repo)
    {
        File.AppendAllText(Path.Combine(repo, "src", "app.txt"), "line two\n");
        File.Delete(Path.Combine(repo, "src", "remove-me.txt"));
        Write(repo, "notes/untracked.txt", "new\n");
    }

    private static string Write(string repo, string relative, string content)
    {
        var full = Path.Combine(repo, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return repo;
    }

    private static string Commit(string repo)
    {
        Processes.Git(repo, "add", "-A");
        Processes.Git(repo, "commit", "-q", "-m", "change");
        return repo;
    }

    private static MadeShape Made(string workTree) => new(workTree, workTree, [], Path.Combine(workTree, ".evidence"), [], [], true, null);
}
