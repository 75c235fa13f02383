using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Index;

namespace Dotlanth.Evidence.Sealing;

/// <summary>The last moves of every run: rescan what was staged, write errors.json and the manifest, seal.</summary>
internal static class BundleClosing
{
    public static SealedBundle Seal(BundleWriter bundle, RunErrors errors, Func<int, JsonObject> buildManifest, Func<JsonObject> redaction, TextWriter messages)
    {
        if (!bundle.HasFolder)
        {
            throw new IOException($"nothing could be recorded: {bundle.WriteFailure}");
        }

        foreach (var late in StagingScan.Rescan(bundle))
        {
            errors.Add(late);
        }

        bundle.WriteJson(BundleLayout.Errors, new JsonObject
        {
            [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
            ["errors"] = new JsonArray([.. errors.All.Select(e => (JsonNode)e.ToJson())]),
        });
        var manifest = bundle.Redact(buildManifest(errors.All.Count));
        // Counted last, once everything else (the manifest included) has passed the redactor.
        manifest["redaction"] = redaction();
        string? notQueued = null;
        var store = Path.GetDirectoryName(Path.GetDirectoryName(bundle.FinalPath)!)!;
        var sealedBundle = bundle.Seal(manifest, move => notQueued = IndexJournal.Publish(store, bundle.RunId, move));
        NoteNotQueued(sealedBundle.RunId, notQueued, messages);
        return sealedBundle;
    }

    /// <summary>A sealed bundle is safe even when the index journal refused it; only the index misses it until 'reindex'.</summary>
    public static void NoteNotQueued(string runId, string? notQueued, TextWriter messages)
    {
        if (notQueued is not null)
        {
            messages.WriteLine($"dotnet-evidence: warning EVD0603: run {runId} was sealed but not queued for the index ({notQueued}); 'dotnet evidence reindex' adds it");
        }
    }

    /// <summary>A write the disk refused becomes one error of the run (each part it cost is listed as missing).</summary>
    public static void NoteWriteFailure(BundleWriter bundle, RunErrors errors)
    {
        if (bundle.WriteFailure is { } failure)
        {
            var lost = bundle.Missing.Count(m => m.Code == Diagnostics.Codes.BundleWriteFailed);
            errors.Add(new Diagnostics.EvidenceError(
                Diagnostics.Codes.BundleWriteFailed,
                $"not all evidence could be written ({failure}){(lost > 0 ? $"; {lost} part(s) are listed as missing" : string.Empty)}",
                "give the store room or make it writable (or point --out elsewhere); the command's result and exit code are unaffected"));
        }
    }

    /// <summary>
    /// The report of a run whose bundle could not be sealed: the command's outcome and exit code, and one error that
    /// says what was lost and where the staging folder is (a later 'recover' seals it as incomplete).
    /// </summary>
    public static RunReport Unsealed(BundleWriter bundle, Outcome outcome, int exitCode, RunErrors errors, Exception failure)
    {
        var staged = Directory.Exists(bundle.StagingPath);
        var error = new Diagnostics.EvidenceError(
            Diagnostics.Codes.BundleWriteFailed,
            $"run {bundle.RunId} could not be sealed ({Values.StorageFaults.Describe(failure)}); the command's exit code {exitCode} is passed on" + (staged ? $", and its record stays in {bundle.StagingPath}" : ", and nothing of it was recorded"),
            staged ? "give the store room (or make it writable), then 'dotnet evidence recover' seals it as incomplete" : "give the store room or make it writable (or point --out elsewhere), and run again for evidence");
        var reported = errors.All.Where(e => e.Code != Diagnostics.Codes.BundleWriteFailed).Append(error).Select(e => e with { Message = bundle.Redactor.Redact(e.Message) }).ToList();
        return new RunReport(outcome, exitCode, bundle.RunId, bundle.StagingPath, reported);
    }
}
