using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Json;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Facts;

/// <summary>
/// The machine-readable result of one <c>run</c> (<c>--result-file</c>, schemas/v1/run-result.schema.json): what the
/// MSBuild package, scripts and CI read instead of console text. Written for every way out, a refusal included.
/// </summary>
public static class RunResult
{
    public static JsonObject Of(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = Build(report.RunId, report.Outcome.ToWire(), report.ExitCode, report.Sealed?.Path, report.Step, report.Errors);
        result["tests"] = Tests(report);
        return result;
    }

    /// <summary>A run that never started (or whose bundle could not be written): nothing was recorded.</summary>
    public static JsonObject NotRecorded(int exitCode, EvidenceError error)
    {
        var result = Build(null, null, exitCode, null, null, [error]);
        result["tests"] = null;
        return result;
    }

    /// <summary>At most this many failing tests are listed; the bundle has them all.</summary>
    public const int MaxFailingTests = 200;

    /// <summary>
    /// The test cases of what this run (or step) ran, by each test's final result: totals, and the failing tests with
    /// message and location, so a build tool can report each one. Null when no check had test reports.
    /// </summary>
    private static JsonObject? Tests(RunReport report)
    {
        if (report.Sealed is null && report.Step is null)
        {
            return null;
        }

        var attempts = report.StepChecks.Select(c => (c.Name, c.Attempt)).ToHashSet();
        bool Ours(string check, int attempt) => report.Step is null || attempts.Contains((check, attempt));
        var checks = CheckRecord.Read(report.BundlePath).Where(c => Ours(c.Name, c.Attempt)).ToList();
        if (!checks.Any(c => c.Json["tests"] is JsonObject))
        {
            return null;
        }

        var tests = RunTests.Of(TestRecord.Read(report.BundlePath).Where(t => Ours(t.Check, t.Attempt)));
        var failing = tests.Failing.ToList();
        var result = tests.Totals();
        result["incomplete_checks"] = new JsonArray([.. checks.Where(c => c.TestsIncomplete).Select(c => (JsonNode)JsonValue.Create(c.Label))]);
        result["failing"] = new JsonArray([.. failing.Take(MaxFailingTests).Select(t => (JsonNode)new JsonObject
            {
                ["check"] = t.Check,
                ["name"] = t.FullName,
                [BundleFields.Status] = t.Status,
                ["file"] = t.File,
                ["path"] = t.File is { } file && RepoRootOf(report.BundlePath) is { } root && !Path.IsPathRooted(file) ? Path.GetFullPath(file, root) : t.File,
                ["line"] = t.Line,
                ["message"] = t.Message,
            })]);
        result["failing_not_listed"] = Math.Max(0, failing.Count - MaxFailingTests);
        return result;
    }

    /// <summary>The repository root the run recorded (files in tests.jsonl are relative to it).</summary>
    private static string? RepoRootOf(string bundlePath)
    {
        var facts = Path.Combine(bundlePath, BundleLayout.Manifest);
        var staged = Path.Combine(bundlePath, BundleLayout.FactsFile);
        foreach (var file in new[] { facts, staged })
        {
            if (File.Exists(file) && JsonNode.Parse(File.ReadAllBytes(file))?["repo"]?["root"] is JsonValue root && root.TryGetValue<string>(out var path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Writes the result whole or not at all (a reader never sees half a file); every string is redacted.</summary>
    public static void Write(string path, JsonObject result, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(redactor);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var scratch = full + ".tmp";
        File.WriteAllBytes(scratch, JsonText.ToDocument(JsonRedaction.Redact(result, redactor)));
        File.Move(scratch, full, overwrite: true);
    }

    private static JsonObject Build(string? runId, string? outcome, int exitCode, string? bundle, int? step, IReadOnlyList<EvidenceError> errors)
    {
        // A step of an open run is recorded though not yet sealed ('end' seals it).
        var recorded = bundle is not null || step is not null;
        return new()
        {
            [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
            [BundleFields.RunId] = runId,
            // An outcome names what a bundle records: with nothing recorded there is none to name, whatever the command did.
            [BundleFields.Outcome] = recorded ? outcome : null,
            [BundleFields.ExitCode] = exitCode,
            ["sealed"] = bundle is not null,
            ["recorded"] = recorded,
            ["bundle"] = bundle,
            ["step"] = step,
            ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e.ToJson())]),
            ["problems"] = string.Join(" ", errors.Select(e => e.ToLine().Replace("error ", string.Empty, StringComparison.Ordinal))),
        };
    }
}
