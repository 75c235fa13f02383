using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// One line of checks.jsonl (schemas/v1/checks.schema.json), typed, as the index, recovery, <c>end</c>, the gate and
/// compare read it; <see cref="Json"/> keeps the whole record for what only one reader needs.
/// </summary>
public sealed record CheckRecord(string Name, int Attempt, long Seq, string Status, bool Required, int ExitCode, long DurationMs, JsonObject Json)
{
    /// <summary>The check was to leave test reports and some are missing or unreadable: its test totals are incomplete.</summary>
    public bool TestsIncomplete => Json["tests"] is JsonObject tests && (bool?)tests["complete"] == false;

    /// <summary>"name #attempt", as the tests parts of inspect, report and the result file list a check.</summary>
    public string Label => $"{Name} #{Attempt}";

    /// <summary>The record, or null when a field every record has is missing or mistyped (a torn or foreign line).</summary>
    public static CheckRecord? From(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record["name"] is JsonValue name && name.TryGetValue<string>(out var n)
            && record[BundleFields.Attempt] is JsonValue attempt && attempt.TryGetValue<int>(out var a)
            && record[BundleFields.Seq] is JsonValue seq && seq.TryGetValue<long>(out var s)
            && record[BundleFields.Status] is JsonValue status && status.TryGetValue<string>(out var st)
            && record["required"] is JsonValue required && required.TryGetValue<bool>(out var r)
            && record[BundleFields.ExitCode] is JsonValue exitCode && exitCode.TryGetValue<int>(out var e)
            && record[BundleFields.DurationMs] is JsonValue duration && duration.TryGetValue<long>(out var d)
            ? new CheckRecord(n, a, s, st, r, e, d, record)
            : null;
    }

    /// <summary>Every readable record of a bundle's (or staging folder's) checks.jsonl, in file order.</summary>
    public static IReadOnlyList<CheckRecord> Read(string bundlePath) =>
        [.. BundleLines.Read(bundlePath, BundleLayout.Checks).Select(From).OfType<CheckRecord>()];
}
