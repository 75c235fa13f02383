using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Index;

namespace Dotlanth.Evidence.Stores;

/// <summary>
/// A run as a store lists it: the index row of its bundle, written beside the bundle as <c>store-entry.json</c>
/// (schemas/v1/store-entry.schema.json) so a store can be searched by id, commit and outcome without downloads.
/// </summary>
public sealed record StoredRun(IndexedRun Run, int FileCount)
{
    public const int SchemaVersion = 1;

    public string Id => Run.Id;

    public JsonObject ToJson() => new()
    {
        [BundleFields.SchemaVersion] = SchemaVersion,
        [BundleFields.RunId] = Run.Id,
        ["digest"] = Run.Digest,
        [BundleFields.Outcome] = Run.Outcome,
        [BundleFields.ExitCode] = Run.ExitCode,
        [BundleFields.StartedAt] = Timestamps.Format(Run.StartedAt),
        [BundleFields.FinishedAt] = Run.FinishedAt is { } f ? Timestamps.Format(f) : null,
        [BundleFields.DurationMs] = Run.DurationMs,
        ["repo"] = new JsonObject { ["commit"] = Run.Commit, ["branch"] = Run.Branch, ["dirty"] = Run.Dirty },
        ["ci"] = new JsonObject { ["provider"] = Run.CiProvider, [BundleFields.RunId] = Run.CiRunId },
        ["spec"] = Run.SpecId is null ? null : new JsonObject { ["id"] = Run.SpecId, ["version"] = Run.SpecVersion },
        ["checks"] = new JsonArray([.. Run.Checks.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            [BundleFields.Attempt] = c.Attempt,
            [BundleFields.Status] = c.Status,
            [BundleFields.ExitCode] = c.ExitCode,
            [BundleFields.DurationMs] = c.DurationMs,
            ["command"] = c.Command,
        })]),
        ["files"] = FileCount,
        ["bytes"] = Run.Bytes,
    };

    /// <summary>Null for bytes that are not an entry this version understands.</summary>
    public static StoredRun? Parse(ReadOnlySpan<byte> bytes, string location)
    {
        try
        {
            if (JsonNode.Parse(bytes) is not JsonObject entry || Verification.BundleSchemas.For(StoreLayout.EntryName)!.Check(entry).Count > 0)
            {
                return null;
            }

            var run = BundleFacts.FromDocument(entry, (string)entry["digest"]!, location, (long)entry["bytes"]!) with
            {
                Checks = [.. (entry["checks"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new IndexedCheck(
                    (string)c["name"]!, (int)c[BundleFields.Attempt]!, (string)c[BundleFields.Status]!, (int)c[BundleFields.ExitCode]!, (long)c[BundleFields.DurationMs]!, (string?)c["command"]))],
            };
            return new StoredRun(run, (int?)entry["files"] ?? 0);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Does this run pass the filters of <paramref name="query"/> (all but the limit)?</summary>
    public bool Matches(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return (query.Outcome is null || Run.Outcome == query.Outcome)
            && (query.Commit is null || (Run.Commit?.StartsWith(query.Commit, StringComparison.OrdinalIgnoreCase) ?? false))
            && (query.Branch is null || Run.Branch == query.Branch)
            && (query.Check is null || Run.Checks.Any(c => c.Name == query.Check))
            && (query.Since is null || Run.StartedAt >= query.Since);
    }
}
