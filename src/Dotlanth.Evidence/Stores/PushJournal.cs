using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// What became of each push from a local store, one small file per run under <c>pushes/</c>: the target store, the
/// status (<c>pending</c> until a push succeeds), the attempts and the last error. A failed push is never lost:
/// <c>push --pending</c> retries every pending record. Text from the network passes the redactor before it is kept.
/// </summary>
public static class PushJournal
{
    public const string FolderName = BundleLayout.PushesFolder;
    public const string Pending = "pending";
    public const string Pushed = "pushed";

    public sealed record Entry(string RunId, string Store, string Status, int Attempts, EvidenceError? Error, DateTimeOffset UpdatedAt);

    public static void Failed(string storeRoot, string runId, string store, EvidenceError error, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(redactor);
        var previous = Read(storeRoot, runId);
        var kept = error with { Message = redactor.Redact(error.Message), Hint = error.Hint is null ? null : redactor.Redact(error.Hint) };
        // A store URI can carry credentials (an endpoint's user:password, a signed query): the journal keeps it masked.
        Write(storeRoot, new Entry(runId, redactor.Redact(store), Pending, (previous?.Attempts ?? 0) + 1, kept, DateTimeOffset.UtcNow));
    }

    public static void Succeeded(string storeRoot, string runId, string store, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        var previous = Read(storeRoot, runId);
        Write(storeRoot, new Entry(runId, redactor.Redact(store), Pushed, (previous?.Attempts ?? 0) + 1, null, DateTimeOffset.UtcNow));
    }

    public static Entry? Read(string storeRoot, string runId)
    {
        var path = PathOf(storeRoot, runId);
        try
        {
            var json = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
            var error = json["error"] is JsonObject e ? new EvidenceError((string)e["code"]!, (string)e["message"]!, (string?)e["hint"]) : null;
            return new Entry((string)json[BundleFields.RunId]!, (string)json["store"]!, (string)json[BundleFields.Status]!, (int)json["attempts"]!, error, DateTimeOffset.Parse((string)json["updated_at"]!, CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Every push still to be made, oldest first.</summary>
    public static IReadOnlyList<Entry> PendingEntries(string storeRoot)
    {
        var folder = Path.Combine(storeRoot, FolderName);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.json")
            .Select(file => Read(storeRoot, Path.GetFileNameWithoutExtension(file)))
            .OfType<Entry>()
            .Where(entry => entry.Status == Pending)
            .OrderBy(entry => entry.RunId, StringComparer.Ordinal)];
    }

    private static void Write(string storeRoot, Entry entry)
    {
        var path = PathOf(storeRoot, entry.RunId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = new JsonObject
        {
            [BundleFields.RunId] = entry.RunId,
            ["store"] = entry.Store,
            [BundleFields.Status] = entry.Status,
            ["attempts"] = entry.Attempts,
            ["error"] = entry.Error?.ToJson(),
            ["updated_at"] = Timestamps.Format(entry.UpdatedAt),
        };
        var temp = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp";
        File.WriteAllText(temp, json.ToJsonString());
        File.Move(temp, path, overwrite: true);
    }

    private static string PathOf(string storeRoot, string runId) =>
        RunId.IsValid(runId) ? Path.Combine(storeRoot, FolderName, runId + ".json") : throw new ArgumentException("not a run id", nameof(runId));
}
