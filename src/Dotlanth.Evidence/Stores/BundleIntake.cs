using System.Security.Cryptography;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A bundle that arrived from elsewhere (an archive, another store) enters a local store only whole: it is verified
/// where it landed, made read-only and moved under <c>runs/</c> in one rename, then queued for the index. The same
/// bundle already present is not duplicated; another bundle under the same id is refused.
/// </summary>
public static class BundleIntake
{
    /// <summary>A fresh folder beside <c>runs/</c> (same file system, so the final move is a rename).</summary>
    public static string Aside(string storeRoot, string purpose)
    {
        var aside = Path.Combine(Path.GetFullPath(storeRoot), BundleLayout.RunsFolder, BundleLayout.StagingFolder, $".{purpose}-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(aside);
        return aside;
    }

    public static (string Path, bool AlreadyPresent) Adopt(string landed, string storeRoot, string source)
    {
        var id = Path.GetFileName(landed);
        var (_, digest, problems) = BundleIntegrity.Check(landed);
        if (problems.Count > 0)
        {
            throw new EvidenceException(new EvidenceError(
                Codes.BundleInvalid,
                $"the bundle from {source} does not verify: {problems[0].File}: {problems[0].Message}" + (problems.Count > 1 ? $" (and {problems.Count - 1} more)" : string.Empty),
                "nothing was added to the store; run 'dotnet evidence verify' on the source for the full list"));
        }

        var root = Path.GetFullPath(storeRoot);
        var target = Path.Combine(root, BundleLayout.RunsFolder, id);
        if (Directory.Exists(target))
        {
            var present = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(target, BundleLayout.Manifest))));
            return present == digest
                ? (target, true)
                : throw new EvidenceException(new EvidenceError(Codes.ImportConflict, $"run {id} is already in {root} with other contents (digest {present[..12]}…, {source} has {digest![..12]}…)", "keep one of them: a store never holds two bundles under one id"));
        }

        foreach (var file in Directory.EnumerateFiles(landed, "*", SearchOption.AllDirectories))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }

        if (IndexJournal.Publish(root, id, () => Directory.Move(landed, target)) is { } notQueued)
        {
            throw new IOException($"run {id} was stored but not queued for the index ({notQueued}); 'dotnet evidence reindex' adds it");
        }

        return (target, false);
    }
}
