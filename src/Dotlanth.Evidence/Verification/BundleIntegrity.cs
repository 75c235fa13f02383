using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Verification;

/// <summary>
/// Is this bundle whole and what it says? Every listed file exists with its size and sha256, nothing unlisted is
/// there (signature envelopes excepted: they sign the digest and cannot be inside it), every JSON file meets
/// schemas/v1, trace seq is gap-free, and the records agree with the manifest. Needs nothing but the bundle.
/// </summary>
public static class BundleIntegrity
{
    /// <summary>Files a bundle may hold beside the listed ones: signatures over its digest, added after sealing.</summary>
    public static bool IsSignature(string relativePath) => relativePath.EndsWith(".dsse.json", StringComparison.Ordinal) && !relativePath.Contains('/', StringComparison.Ordinal);

    public static (JsonObject? Manifest, string? Digest, List<VerifyProblem> Problems) Check(string bundlePath)
    {
        var problems = new List<VerifyProblem>();
        var irregular = BundleFolder.Irregular(bundlePath);
        foreach (var (path, kind) in irregular)
        {
            problems.Add(new VerifyProblem(path, $"is {FileKinds.Describe(kind)}; a bundle holds plain files only (placed after sealing)"));
        }

        if (irregular.Any(i => i.Path is "." or BundleLayout.Manifest))
        {
            return (null, null, problems);
        }

        var manifestPath = Path.Combine(bundlePath, BundleLayout.Manifest);
        if (!File.Exists(manifestPath))
        {
            problems.Add(new VerifyProblem(BundleLayout.Manifest, "missing: this is not a sealed bundle"));
            return (null, null, problems);
        }

        var manifestBytes = File.ReadAllBytes(manifestPath);
        var digest = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(manifestBytes)!.AsObject();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            problems.Add(new VerifyProblem(BundleLayout.Manifest, $"not valid JSON: {ex.Message}"));
            return (null, digest, problems);
        }

        if (!RunFolder.Agrees(bundlePath, manifest))
        {
            problems.Add(new VerifyProblem(BundleLayout.Manifest, $"records run {RunFolder.RecordedId(manifest) ?? "(none)"}, but the bundle is in folder {RunFolder.NameOf(bundlePath)}: a bundle moved under another run's id"));
        }

        var schemaProblems = BundleSchemas.For(BundleLayout.Manifest)!.Check(manifest);
        problems.AddRange(schemaProblems.Select(p => new VerifyProblem(BundleLayout.Manifest, p)));
        if (manifest["files"] is not JsonArray listed)
        {
            return (manifest, digest, problems);
        }

        // Hashing and schema checks are independent: they share the cores.
        var documentProblems = new List<VerifyProblem>();
        var irregularPaths = irregular.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        var documents = Task.Run(() => CheckDocuments(bundlePath, listed, irregularPaths, documentProblems));
        CheckFiles(bundlePath, listed, irregularPaths, problems);
        documents.Wait();
        problems.AddRange(documentProblems);
        if (schemaProblems.Count == 0)
        {
            ManifestAgreement.Check(manifest, documents.Result, problems);
        }

        return (manifest, digest, problems);
    }

    private static void CheckFiles(string bundlePath, JsonArray listed, HashSet<string> irregular, List<VerifyProblem> problems)
    {
        var entries = listed.OfType<JsonObject>().Select(f => (Path: (string?)f["path"] ?? "", Bytes: (long?)f["bytes"] ?? -1, Sha: (string?)f["sha256"] ?? "")).ToList();
        var onDisk = Directory.EnumerateFiles(bundlePath, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(bundlePath, p).Replace('\\', '/'))
            .Where(p => p != BundleLayout.Manifest && !IsSignature(p) && !irregular.Contains(p))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var unlisted in onDisk.Except(entries.Select(e => e.Path)).Order(StringComparer.Ordinal))
        {
            problems.Add(new VerifyProblem(unlisted, "is in the bundle but not listed in bundle.json files[] (added after sealing)"));
        }

        // Hashing dominates: both cores share it.
        var found = new VerifyProblem?[entries.Count];
        Parallel.For(0, entries.Count, i =>
        {
            var (path, bytes, sha) = entries[i];
            var full = Path.Combine(bundlePath, path);
            if (Reaches(path, irregular))
            {
                return;
            }

            if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Contains("..") || !File.Exists(full))
            {
                found[i] = new VerifyProblem(path, "is listed in bundle.json but missing");
                return;
            }

            var (length, actual) = Hash(full);
            if (length != bytes || actual != sha)
            {
                found[i] = new VerifyProblem(path, $"was changed after sealing: {length} bytes, sha256 {actual[..12]}…, but bundle.json records {bytes} bytes, sha256 {sha[..Math.Min(12, sha.Length)]}…");
            }
        });
        problems.AddRange(found.OfType<VerifyProblem>());
    }

    /// <summary>Whether the path is, or lies under, an entry that is not a plain file or folder (already reported; never opened).</summary>
    private static bool Reaches(string path, HashSet<string> irregular)
    {
        for (var end = path.IndexOf('/', StringComparison.Ordinal); end > 0; end = path.IndexOf('/', end + 1))
        {
            if (irregular.Contains(path[..end]))
            {
                return true;
            }
        }

        return irregular.Contains(path);
    }

    /// <summary>Large reads into a pooled buffer: the hash runs at memory speed instead of waiting on small reads.</summary>
    private static (long Length, string Sha256) Hash(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
            }

            return (offset, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses and schema-checks every JSON and JSONL file; returns the parsed ones that are valid.</summary>
    private static Dictionary<string, object> CheckDocuments(string bundlePath, JsonArray listed, HashSet<string> irregular, List<VerifyProblem> problems)
    {
        var documents = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var path in listed.OfType<JsonObject>().Select(f => (string?)f["path"]).OfType<string>().Where(p => BundleSchemas.For(p) is not null))
        {
            var full = Path.Combine(bundlePath, path);
            if (!File.Exists(full) || Reaches(path, irregular))
            {
                continue;
            }

            var checker = BundleSchemas.For(path)!;
            try
            {
                if (path.EndsWith(".jsonl", StringComparison.Ordinal))
                {
                    var lines = new List<JsonObject>();
                    var number = 0;
                    foreach (var line in File.ReadLines(full))
                    {
                        number++;
                        var record = JsonNode.Parse(line)!.AsObject();
                        problems.AddRange(checker.Check(record).Select(p => new VerifyProblem(path, $"line {number}: {p}")));
                        lines.Add(record);
                    }

                    documents[path] = lines;
                }
                else
                {
                    var document = JsonNode.Parse(File.ReadAllBytes(full));
                    var found = checker.Check(document);
                    problems.AddRange(found.Select(p => new VerifyProblem(path, p)));
                    documents[path] = document!;
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                problems.Add(new VerifyProblem(path, $"not valid JSON: {ex.Message}"));
            }
        }

        return documents;
    }
}
