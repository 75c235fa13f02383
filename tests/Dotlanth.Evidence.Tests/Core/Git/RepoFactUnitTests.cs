using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Hooks;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Git;

public sealed class RepoFactUnitTests
{
    [Fact]
    public void Status_entries_of_every_kind_give_their_paths_and_an_unknown_kind_gives_none()
    {
        const string Output =
            "1 .M N... 100644 100644 100644 aaaa bbbb with space.txt\0" +
            "2 R. N... 100644 100644 100644 aaaa aaaa R100 new name.txt\0old name.txt\0" +
            "u UU N... 100644 100644 100644 100644 aaaa bbbb cccc conflict.txt\0" +
            "? nested/\0" +
            "? new\nline.txt\0";

        Assert.Equal(["with space.txt", "new name.txt", "old name.txt", "conflict.txt", "nested", "new\nline.txt"], WorkTreeStatus.Parse(Output));
        Assert.Null(WorkTreeStatus.Parse("X something new\0"));
        Assert.Null(WorkTreeStatus.Parse("2 R. N... 100644 100644 100644 aaaa aaaa R100 cut-off.txt"));
        Assert.Empty(WorkTreeStatus.Parse(string.Empty)!);
    }

    [Fact]
    public void The_store_is_excluded_by_its_real_path_and_literally()
    {
        using var folder = new TempFolder();
        var root = Directory.CreateDirectory(folder.Combine("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "ci", "[store]*"));
        File.CreateSymbolicLink(folder.Combine("link"), Path.Combine(root, "ci"));

        Assert.Equal([":/", ":(top,literal,exclude)ci/[store]*"], RepoPathspec.WithoutStore(root, folder.Combine("link", "[store]*")));
        Assert.Equal([":/"], RepoPathspec.WithoutStore(root, folder.Combine("elsewhere")));
        Assert.Contains(":(top,literal,exclude)runs", RepoPathspec.WithoutStore(root, root));
        Assert.Contains(":(top,literal,exclude)reports", RepoPathspec.WithoutStore(root, root));
    }

    [Fact]
    public void Pre_push_lines_are_read_and_anything_else_is_refused()
    {
        var sha = new string('a', 40);
        var zero = new string('0', 40);

        var refs = PushedRef.Parse($"refs/heads/main {sha} refs/heads/main {zero}\nrefs/heads/old {zero} refs/heads/old {sha}\n");

        Assert.Equal(2, refs.Length);
        Assert.False(refs[0].IsDeletion);
        Assert.True(refs[1].IsDeletion);
        Assert.Empty(PushedRef.Parse("\n"));
        var refused = Assert.Throws<EvidenceException>(() => PushedRef.Parse("refs/heads/main HEAD refs/heads/main " + zero));
        Assert.Equal(Codes.Usage, refused.Error.Code);
    }
}
