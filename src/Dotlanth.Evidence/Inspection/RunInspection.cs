using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Inspection;

/// <summary>
/// Everything <c>inspect</c> and <c>report</c> show about one sealed bundle, read from the bundle itself: outcome,
/// times, repository, each check with the tail of its failing output, diff stat, redaction, missing parts, errors,
/// and a summary of the trace.
/// </summary>
public static class RunInspection
{
    public const int TailLines = 10;

    public static JsonObject Build(string bundlePath)
    {
        var manifest = Json(bundlePath, BundleLayout.Manifest)!.AsObject();
        var checks = BundleLines.Read(bundlePath, BundleLayout.Checks);
        var trace = BundleLines.Read(bundlePath, BundleLayout.Trace);
        var patch = Path.Combine(bundlePath, BundleLayout.Diff);
        return new JsonObject
        {
            [BundleFields.RunId] = manifest[BundleFields.RunId]?.DeepClone(),
            ["path"] = bundlePath,
            [BundleFields.Outcome] = manifest[BundleFields.Outcome]?.DeepClone(),
            [BundleFields.ExitCode] = manifest[BundleFields.ExitCode]?.DeepClone(),
            [BundleFields.StartedAt] = manifest[BundleFields.StartedAt]?.DeepClone(),
            [BundleFields.FinishedAt] = manifest[BundleFields.FinishedAt]?.DeepClone(),
            [BundleFields.DurationMs] = manifest[BundleFields.DurationMs]?.DeepClone(),
            ["invocation"] = manifest["invocation"]?.DeepClone(),
            ["repo"] = manifest["repo"]?.DeepClone(),
            ["ci"] = manifest["ci"]?.DeepClone(),
            ["spec"] = manifest["spec"]?.DeepClone(),
            ["agent"] = manifest["agent"]?.DeepClone(),
            ["resumed"] = manifest["resumed"]?.DeepClone(),
            ["checks"] = new JsonArray([.. checks.Select(c => (JsonNode)Check(bundlePath, c))]),
            ["tests"] = TestsInspection.Build(RunTests.Read(bundlePath), [.. checks.Select(CheckRecord.From).OfType<CheckRecord>()]),
            [BundleFields.Steps] = manifest[BundleFields.Steps]?.DeepClone(),
            ["diff"] = File.Exists(patch) ? DiffStat.Of(File.ReadLines(patch)) : null,
            ["redaction"] = manifest["redaction"]?["hits"]?.DeepClone(),
            [BundleFields.Missing] = manifest[BundleFields.Missing]?.DeepClone(),
            ["errors"] = Json(bundlePath, BundleLayout.Errors)?["errors"]?.DeepClone() ?? new JsonArray(),
            ["trace"] = TraceSummary(trace),
            ["files"] = manifest["files"]?.AsArray().Count ?? 0,
        };
    }

    private static JsonObject Check(string bundlePath, JsonObject record)
    {
        var status = (string?)record[BundleFields.Status];
        var check = new JsonObject
        {
            ["name"] = record["name"]?.DeepClone(),
            [BundleFields.Attempt] = record[BundleFields.Attempt]?.DeepClone(),
            [BundleFields.Status] = status,
            ["required"] = record["required"]?.DeepClone(),
            [BundleFields.ExitCode] = record[BundleFields.ExitCode]?.DeepClone(),
            [BundleFields.DurationMs] = record[BundleFields.DurationMs]?.DeepClone(),
            ["stdout"] = record["stdout"]?["path"]?.DeepClone(),
            ["stderr"] = record["stderr"]?["path"]?.DeepClone(),
            ["tests"] = record["tests"] is JsonObject tests ? new JsonObject
            {
                ["total"] = tests["total"]?.DeepClone(),
                ["passed"] = tests["passed"]?.DeepClone(),
                ["failed"] = tests["failed"]?.DeepClone(),
                ["errors"] = tests["errors"]?.DeepClone(),
                ["skipped"] = tests["skipped"]?.DeepClone(),
                ["complete"] = tests["complete"]?.DeepClone(),
            } : null,
        };
        if (status != "passed")
        {
            // The end of stderr says why most of the time; a tool that reports on stdout gets stdout's end.
            var tail = Tail(bundlePath, (string?)record["stderr"]?["path"]);
            check["tail"] = new JsonArray([.. (tail.Count > 0 ? tail : Tail(bundlePath, (string?)record["stdout"]?["path"])).Select(l => (JsonNode)JsonValue.Create(l))]);
        }

        return check;
    }

    private static List<string> Tail(string bundlePath, string? relative)
    {
        if (relative is null || !File.Exists(Path.Combine(bundlePath, relative)))
        {
            return [];
        }

        var last = new Queue<string>(TailLines);
        foreach (var line in File.ReadLines(Path.Combine(bundlePath, relative)))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (last.Count == TailLines)
            {
                last.Dequeue();
            }

            last.Enqueue(line);
        }

        return [.. last];
    }

    private static JsonObject TraceSummary(List<JsonObject> trace)
    {
        var attempts = trace.Where(e => (string?)e["type"] == TraceEvents.SyscallAttempt).ToList();
        return new JsonObject
        {
            ["events"] = trace.Count,
            ["syscalls"] = attempts.Count,
            ["by_syscall"] = new JsonObject([.. attempts
                .GroupBy(e => (string?)e["syscall"]?["name"] ?? "?")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]),
            ["faults"] = trace.Count(e => (string?)e["type"] == TraceEvents.SyscallResult && (string?)e[BundleFields.Status] == "fault"),
            [BundleFields.Steps] = trace.Count(e => (string?)e["type"] == TraceEvents.StepStart),
            ["first_ts"] = trace.Count > 0 ? trace[0]["ts"]?.DeepClone() : null,
            ["last_ts"] = trace.Count > 0 ? trace[^1]["ts"]?.DeepClone() : null,
        };
    }

    private static JsonNode? Json(string bundlePath, string relative)
    {
        var path = Path.Combine(bundlePath, relative);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) : null;
    }
}
