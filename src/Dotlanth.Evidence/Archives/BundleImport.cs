using System.Security.Cryptography;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Archives;

/// <summary>
/// <c>import</c>: an exported bundle into this store. Extracted aside, verified whole, and only then moved into
/// <c>runs/</c> and queued for the index; the same bundle already present is not duplicated.
/// </summary>
public static class BundleImport
{
    public static (string RunId, string Path, bool AlreadyPresent) Import(string archivePath, string storeRoot, long maxExpandedBytes = BundleArchive.DefaultMaxExpandedBytes)
    {
        var runs = Path.Combine(Path.GetFullPath(storeRoot), BundleLayout.RunsFolder);
        var aside = Path.Combine(runs, BundleLayout.StagingFolder, ".import-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(aside);
        try
        {
            var extracted = BundleArchive.Extract(archivePath, aside, maxExpandedBytes);
            var id = Path.GetFileName(extracted);
            var (_, digest, problems) = BundleIntegrity.Check(extracted);
            if (problems.Count > 0)
            {
                throw new EvidenceException(new EvidenceError(
                    Codes.BundleInvalid,
                    $"the bundle in {Path.GetFileName(archivePath)} does not verify: {problems[0].File}: {problems[0].Message}" + (problems.Count > 1 ? $" (and {problems.Count - 1} more)" : string.Empty),
                    "run 'dotnet evidence verify' on the archive for the full list"));
            }

            var target = Path.Combine(runs, id);
            if (Directory.Exists(target))
            {
                var present = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(target, BundleLayout.Manifest))));
                return present == digest
                    ? (id, target, true)
                    : throw new EvidenceException(new EvidenceError(Codes.ImportConflict, $"run {id} is already in this store with other contents (digest {present[..12]}…, the archive has {digest![..12]}…)", "keep one of them: the store never holds two bundles under one id"));
            }

            foreach (var file in Directory.EnumerateFiles(extracted, "*", SearchOption.AllDirectories))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }
            }

            Directory.Move(extracted, target);
            IndexJournal.Record(Path.GetFullPath(storeRoot), id);
            return (id, target, false);
        }
        finally
        {
            Directory.Delete(aside, recursive: true);
        }
    }
}
