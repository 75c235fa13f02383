using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary>
/// Repositories shaped like real ones. In each, the bundle's commit, branch, dirty state, changed files and patch
/// must agree with what git says on its own (<see cref="GitOracle"/>).
/// </summary>
public sealed class RepoShapeTests
{
    public static TheoryData<string> Shapes => [.. RepoShapes.All.Keys];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_repository_facts_agree_with_git(string shape)
    {
        using var folder = new TempFolder();
        var made = RepoShapes.All[shape](folder);

        var result = EvidenceCli.Run(made.Cwd, ["run", .. made.Args, "--", "true"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var bundle = BundleOnDisk.Of(result, made.Store);
        SchemaValidator.AssertValid(bundle.Path);
        Assert.Equal(made.ExpectDirty, (bool?)bundle.Manifest["repo"]!["dirty"]);
        GitOracle.AssertAgrees(made.WorkTree, bundle, made.StoreExcludes, made.NotApplied);
        Assert.DoesNotContain(bundle.Missing, m => m.Path is "repo.dirty" or "repo.changed_files" or "diff.patch" or "changed_files.json");
        made.Extra?.Invoke(bundle);
    }
}
