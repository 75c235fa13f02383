using System.Security.Cryptography;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.EndToEnd.Stores;

/// <summary>Bundles worth pushing: real runs in real repositories, with artifacts of chosen sizes.</summary>
internal static class StoreRuns
{
    /// <summary>A sealed run whose check writes <paramref name="artifactMiB"/> files of random bytes (sizes in MiB) kept as artifacts.</summary>
    public static BundleOnDisk WithArtifacts(TempFolder repo, params double[] artifactMiB)
    {
        Directory.CreateDirectory(repo.Combine("out"));
        for (var i = 0; i < artifactMiB.Length; i++)
        {
            File.WriteAllBytes(repo.Combine("out", $"blob{i:00}.bin"), RandomNumberGenerator.GetBytes((int)(artifactMiB[i] * 1024 * 1024)));
        }

        repo.Write("evidence.yml", "version: 1\nchecks:\n  - name: unit\n    run: [sh, -c, \"echo built; ls out | wc -l\"]\nartifacts:\n  - name: blobs\n    type: dataset\n    path: \"out/*.bin\"\n");
        var result = EvidenceCli.Run(repo.Path, "run");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return BundleOnDisk.Of(result, repo.Combine(".evidence"));
    }

    public static BundleOnDisk Simple(TempFolder repo, string script = "echo ok", IDictionary<string, string?>? env = null)
    {
        var result = EvidenceCli.Run(repo.Path, ["run", "--name", "unit", "--", "sh", "-c", script], env);
        return BundleOnDisk.Of(result, repo.Combine(".evidence"));
    }

    public static string Id(this BundleOnDisk bundle) => (string)bundle.Manifest["run_id"]!;

    public static string Digest(this BundleOnDisk bundle) => Convert.ToHexStringLower(SHA256.HashData(bundle.Bytes("bundle.json")));

    /// <summary>Every file of a bundle folder, by relative path, with its sha256.</summary>
    public static SortedDictionary<string, string> Files(string bundlePath) => new(
        Directory.EnumerateFiles(bundlePath, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(bundlePath, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);
}
