using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>A sealed bundle read back from disk for assertions.</summary>
public sealed class BundleOnDisk
{
    public BundleOnDisk(string path)
    {
        Path = path;
        Manifest = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(path, "bundle.json")))!.AsObject();
    }

    public string Path { get; }

    public JsonObject Manifest { get; }

    public string Outcome => (string)Manifest["outcome"]!;

    public static IReadOnlyList<BundleOnDisk> All(string storeRoot)
    {
        var runs = System.IO.Path.Combine(storeRoot, "runs");
        return Directory.Exists(runs)
            ? [.. Directory.GetDirectories(runs).Where(d => !System.IO.Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).Select(d => new BundleOnDisk(d))]
            : [];
    }

    /// <summary>The bundle a run reported on its last stderr line ("... run &lt;id&gt; bundle &lt;path&gt;").</summary>
    public static BundleOnDisk Of(ProcessResult result, string storeRoot)
    {
        var match = System.Text.RegularExpressions.Regex.Match(result.Stderr, @" run (\S+) bundle ");
        Assert.True(match.Success, $"no run id in: {result.Stderr}");
        return new BundleOnDisk(System.IO.Path.Combine(storeRoot, "runs", match.Groups[1].Value));
    }

    public static BundleOnDisk Only(string storeRoot)
    {
        var all = All(storeRoot);
        Assert.Single(all);
        return all[0];
    }

    public string Text(string relative) => File.ReadAllText(System.IO.Path.Combine(Path, relative));

    public byte[] Bytes(string relative) => File.ReadAllBytes(System.IO.Path.Combine(Path, relative));

    public bool Has(string relative) => File.Exists(System.IO.Path.Combine(Path, relative));

    public JsonObject Json(string relative) => JsonNode.Parse(Text(relative))!.AsObject();

    public IReadOnlyList<JsonObject> Lines(string relative) =>
        [.. Text(relative).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    public JsonObject Check(int index = 0) => Lines("checks.jsonl")[index];

    public IReadOnlyList<(string Path, string Code)> Missing =>
        [.. Manifest["missing"]!.AsArray().Select(m => ((string)m!["path"]!, (string)m!["code"]!))];

    /// <summary>Every file on disk is listed with its size and digest, and nothing listed is absent.</summary>
    public void AssertIntegrity()
    {
        var listed = Manifest["files"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => f!);
        var onDisk = Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(Path, p))
            .Where(p => p != "bundle.json")
            .ToList();
        Assert.Equal(listed.Keys.Order(StringComparer.Ordinal), onDisk.Order(StringComparer.Ordinal));
        foreach (var relative in onDisk)
        {
            var bytes = Bytes(relative);
            Assert.Equal((long)listed[relative]["bytes"]!, bytes.LongLength);
            Assert.Equal((string)listed[relative]["sha256"]!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    public static string Pretty(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
