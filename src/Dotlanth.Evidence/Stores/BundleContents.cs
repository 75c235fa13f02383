using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A sealed bundle about to be pushed: verified first (a store never receives a bundle that does not verify), with
/// every file's size and sha256 from its manifest, signature envelopes added after sealing included.
/// </summary>
public sealed record BundleContents(string Path, StoredRun Entry, byte[] Manifest, IReadOnlyList<BundleContents.Item> Files)
{
    public string RunId => Entry.Id;

    public string Digest => Entry.Run.Digest;

    public static BundleContents Read(string bundlePath)
    {
        var (manifest, digest, problems) = BundleIntegrity.Check(bundlePath);
        if (problems.Count > 0 || manifest is null || digest is null)
        {
            var first = problems.Count > 0 ? $"{problems[0].File}: {problems[0].Message}" : "no manifest";
            throw new EvidenceException(new EvidenceError(
                Codes.StoreRunInvalid,
                $"the bundle at {bundlePath} does not verify ({first}{(problems.Count > 1 ? $", and {problems.Count - 1} more" : string.Empty)}); it was not pushed",
                "run 'dotnet evidence verify' on it for the full list"));
        }

        var facts = BundleFacts.Read(bundlePath)!;
        var files = new List<Item>();
        foreach (var file in manifest["files"]!.AsArray().OfType<JsonObject>())
        {
            files.Add(new Item((string)file["path"]!, (long)file["bytes"]!, (string)file["sha256"]!));
        }

        foreach (var signature in Directory.EnumerateFiles(bundlePath, "*.dsse.json"))
        {
            var bytes = File.ReadAllBytes(signature);
            files.Add(new Item(System.IO.Path.GetFileName(signature), bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        }

        return new BundleContents(bundlePath, new StoredRun(facts, files.Count), File.ReadAllBytes(System.IO.Path.Combine(bundlePath, BundleLayout.Manifest)), files);
    }

    public sealed record Item(string RelativePath, long Bytes, string Sha256);
}
