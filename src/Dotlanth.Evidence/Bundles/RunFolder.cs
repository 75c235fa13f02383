using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// Where a run's bundle lives in a store: always <c>runs/&lt;id&gt;</c>, derived from the id. A path read from the
/// index, a store entry, an archive or a manifest is never used to find, read or delete a bundle; the index is a cache.
/// </summary>
public static class RunFolder
{
    /// <summary>The store's folder for <paramref name="runId"/>; throws when the id is not a run id (it could name any path).</summary>
    public static string Of(string storeRoot, string runId)
    {
        ArgumentNullException.ThrowIfNull(storeRoot);
        return RunId.IsValid(runId ?? string.Empty)
            ? Path.Combine(Path.GetFullPath(storeRoot), BundleLayout.RunsFolder, runId!)
            : throw new EvidenceException(new EvidenceError(Codes.BundleInvalid, $"'{runId}' is not a run id, so it names no bundle folder", "the index or store entry was edited; 'dotnet evidence reindex' rebuilds the index from the bundles"));
    }

    /// <summary>
    /// Whether a bundle folder's name agrees with the run id its manifest records. A folder named like a run id, or
    /// any folder in a store's <c>runs/</c>, must carry that run's bundle: another run's bundle there is tampering.
    /// A bundle copied under another name elsewhere (a CI download folder) is judged by its contents alone.
    /// </summary>
    public static bool Agrees(string bundlePath, JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(bundlePath);
        var name = NameOf(bundlePath);
        var inRuns = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(bundlePath).TrimEnd(Path.DirectorySeparatorChar))) == BundleLayout.RunsFolder;
        return !(RunId.IsValid(name) || inRuns) || string.Equals(name, RecordedId(manifest), StringComparison.Ordinal);
    }

    /// <summary>The run id a manifest records, or null when it records none (or not as a string: it is not trusted to be one).</summary>
    public static string? RecordedId(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest[BundleFields.RunId] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string?)value : null;
    }

    /// <summary>The folder's own name, as it would be compared with a run id.</summary>
    public static string NameOf(string bundlePath) => Path.GetFileName(Path.GetFullPath(bundlePath).TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>Why the folder of a run cannot be trusted as a bundle folder (a link, a file, missing), or null when it is a real folder.</summary>
    public static string? Problem(string folder) => FileKinds.Of(folder) switch
    {
        FileKind.Directory => null,
        var kind => $"{folder} is {FileKinds.Describe(kind)}, not a bundle folder",
    };
}
