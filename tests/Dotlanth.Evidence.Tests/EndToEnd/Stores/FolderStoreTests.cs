using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Stores;

/// <summary>A folder as a shared store: the same push, pull and ls as S3, through the file system.</summary>
public sealed class FolderStoreTests
{
    [Fact]
    public void Push_pull_and_ls_work_on_a_folder_store_and_a_run_is_written_once()
    {
        using var repo = TempRepo.Create();
        using var shared = new TempFolder();
        var bundle = StoreRuns.Simple(repo, "echo shared");

        var push = EvidenceCli.Run(repo.Path, "push", "last", "--to", shared.Path);
        var again = EvidenceCli.Run(repo.Path, "push", "last", "--to", shared.Path);
        using var elsewhere = TempRepo.Create();
        var listed = S3StoreTests.Ids(EvidenceCli.Run(elsewhere.Path, "ls", "--store", shared.Path, "--json"));
        var pull = EvidenceCli.Run(elsewhere.Path, "pull", "last", "--from", shared.Path);

        Assert.True(push.ExitCode == 0, push.Stderr);
        Assert.Contains("nothing pushed", again.Stderr, StringComparison.Ordinal);
        Assert.Equal([bundle.Id()], listed);
        Assert.True(pull.ExitCode == 0, pull.Stderr);
        Assert.Equal(StoreRuns.Files(bundle.Path), StoreRuns.Files(elsewhere.Combine(".evidence", "runs", bundle.Id())));
        Assert.Equal(0, EvidenceCli.Run(elsewhere.Path, "verify", "last", "--store", shared.Path).ExitCode);

        // Another bundle under the same id: the folder store refuses it and keeps what it has.
        using var other = TempRepo.Create();
        var second = StoreRuns.Simple(other, "echo other");
        var target = Path.Combine(shared.Path, "runs", second.Id());
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(bundle.Path, "bundle.json"), Path.Combine(target, "bundle.json"));
        var refused = EvidenceCli.Run(other.Path, "push", "last", "--to", shared.Path);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error EVD1002:", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(bundle.Path, "bundle.json")), File.ReadAllBytes(Path.Combine(target, "bundle.json")));
    }
}
