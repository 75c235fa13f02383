using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>
/// The repository facts of one run (status, HEAD, remote, the patch and changed_files.json with a digest per file) in
/// a repository of 20,000 files with 1,000 changed: 600 modified, 200 deleted, 200 untracked. Target: under 2 s.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RepoFactsTiming
{
    private const int Files = 20_000;
    private string _root = "";
    private string _repo = "";
    private string _store = "";
    private RepoLocation _location = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("evidence-bench-repo-").FullName;
        _repo = Path.Combine(_root, "repo");
        _store = Path.Combine(_root, "store");
        for (var i = 0; i < Files; i++)
        {
            var file = Path.Combine(_repo, $"src/module{i / 100:D3}/file{i:D5}.cs");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, $"namespace Module{i / 100};\n\npublic static class File{i}\n{{\n    public const int Value = {i};\n}}\n");
        }

        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("-c", "user.email=bench@example.com", "-c", "user.name=bench", "commit", "-q", "-m", "init");
        for (var i = 0; i < 1_000; i++)
        {
            var file = Path.Combine(_repo, $"src/module{i * 20 / 100:D3}/file{i * 20:D5}.cs");
            if (i < 600)
            {
                File.AppendAllText(file, "// changed\n");
            }
            else if (i < 800)
            {
                File.Delete(file);
            }
            else
            {
                File.WriteAllText(Path.Combine(_repo, $"src/new{i:D4}.cs"), "// untracked\n");
            }
        }

        _location = RepoLocation.Find(_repo);
        var facts = Collect();
        if (facts?.ChangedFiles != 1_000 || facts.Dirty != true)
        {
            throw new InvalidOperationException($"the facts are not what they should be: {facts?.ChangedFiles} changed files");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "repository facts: 20,000 files, 1,000 changed")]
    public int? RepositoryFacts() => Collect()?.ChangedFiles;

    private RepoFacts? Collect()
    {
        var bundle = BundleWriter.Open(_store, Redactor.Create(new Dictionary<string, string>()), DateTimeOffset.UtcNow);
        try
        {
            return GitSnapshot.Collect(_location, _store, 8 * 1024 * 1024, bundle);
        }
        finally
        {
            Directory.Delete(bundle.StagingPath, recursive: true);
        }
    }

    private void Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = _repo, RedirectStandardOutput = true };
        Directory.CreateDirectory(_repo);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var git = Process.Start(info)!;
        git.StandardOutput.ReadToEnd();
        git.WaitForExit();
    }
}
