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
        return Build(report.RunId, report.Outcome.ToWire(), report.ExitCode, report.Sealed?.Path, report.Step, report.Errors);
    }

    /// <summary>A run that never started (or whose bundle could not be written): nothing was recorded.</summary>
    public static JsonObject NotRecorded(int exitCode, EvidenceError error) => Build(null, null, exitCode, null, null, [error]);

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
