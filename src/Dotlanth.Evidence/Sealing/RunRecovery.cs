using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Sealing;

/// <summary>
/// Seals a staging folder whose process died, as outcome <c>incomplete</c>: whatever records and output it holds
/// (a torn last line dropped), and a <c>missing</c> entry for everything the run never wrote. A process that died
/// after writing bundle.json had finished everything: that seal is simply completed.
/// </summary>
public static partial class RunRecovery
{
    private static readonly string[] Expected =
        [BundleLayout.Environment, BundleLayout.ConfigSnapshot, BundleLayout.InputSnapshot, BundleLayout.ChangedFiles, BundleLayout.Trace, BundleLayout.Checks];

    public static SealedBundle Seal(string stagingPath, Redactor redactor, TextWriter messages)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        string? notQueued = null;
        var id = Path.GetFileName(stagingPath);
        // STORE/runs/.staging/ID
        var store = Path.GetFullPath(Path.Combine(stagingPath, "..", "..", ".."));
        if (File.Exists(Path.Combine(stagingPath, BundleLayout.Manifest))
            && BundleWriter.FinishSeal(stagingPath, redactor, move => notQueued = Index.IndexJournal.Publish(store, id, move)) is { } completed)
        {
            BundleClosing.NoteNotQueued(completed.RunId, notQueued, messages);
            return completed;
        }

        // A seal that died halfway may have made some files read-only already.
        foreach (var file in Directory.EnumerateFiles(stagingPath, "*", SearchOption.AllDirectories))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.UserWrite);
            }
        }

        // When the process was last heard of: before recovery touches anything.
        var finishedAt = LastWrite(stagingPath);
        var bundle = BundleWriter.Adopt(stagingPath, redactor);
        var errors = new RunErrors();
        var open = OpenRun.At(stagingPath);
        var (startedAt, facts) = Facts(stagingPath, open);
        var kept = open?.ReadSession() ?? Read(Path.Combine(stagingPath, BundleLayout.FactsFile));
        foreach (var part in kept?[BundleFields.Missing]?.AsArray().OfType<JsonObject>() ?? [])
        {
            bundle.AddMissing((string)part["path"]!, (string)part["code"]!, (string)part["reason"]!);
        }
        if (facts.Count == 0)
        {
            // Died before the facts were kept: only what the files themselves say can be trusted.
            foreach (var field in new[] { "invocation", "budgets", "repo" })
            {
                bundle.AddMissing(field, Codes.RunRecovered, "the process died before recording it");
            }

            facts["ci"] = Read(Path.Combine(stagingPath, BundleLayout.Environment))?["ci"]?.DeepClone();
            foreach (var file in new[] { BundleLayout.ChangedFiles, BundleLayout.Diff }.Where(f => File.Exists(Path.Combine(stagingPath, f))))
            {
                // A diff without the repository facts it belongs to cannot be checked against them.
                File.Delete(Path.Combine(stagingPath, file));
                bundle.AddMissing(file, Codes.RunRecovered, "the process died before the repository facts were recorded");
            }
        }
        foreach (var file in new[] { BundleLayout.Trace, BundleLayout.Checks, BundleLayout.Tests })
        {
            if (DropTornLines(Path.Combine(stagingPath, file)))
            {
                bundle.AddMissing(file + "#last", Codes.RunRecovered, "its last record was cut off when the process died");
            }
        }

        DropTestsWithoutCheck(bundle, stagingPath);

        // A document cut off mid-write is not evidence: it goes, and missing[] says so.
        foreach (var document in Directory.EnumerateFiles(stagingPath, "*.json").Where(f => !BundleWriter.IsControlEntry(Path.GetFileName(f))))
        {
            if (Read(document) is null)
            {
                File.Delete(document);
                // The seal writes errors.json anew (with recovery's own error): what is lost is what the cut-off one held.
                var name = Path.GetFileName(document);
                bundle.AddMissing(
                    name == BundleLayout.Errors ? name + "#earlier" : name,
                    Codes.RunRecovered,
                    name == BundleLayout.Errors ? "the errors recorded before the process died were cut off mid-write" : "it was being written when the process died");
            }
        }

        // A trace file opened but never written holds no event: it is missing, not an empty trace.
        var trace = new FileInfo(Path.Combine(stagingPath, BundleLayout.Trace));
        if (trace is { Exists: true, Length: 0 })
        {
            trace.Delete();
        }

        foreach (var file in Expected.Where(f => !File.Exists(Path.Combine(stagingPath, f)) && bundle.Missing.All(m => m.Path != f)))
        {
            bundle.AddMissing(file, Codes.RunRecovered, "not written before the process died");
        }

        if (!File.Exists(Path.Combine(stagingPath, BundleLayout.ChangedFiles)) && !File.Exists(Path.Combine(stagingPath, BundleLayout.Diff)) && bundle.Missing.All(m => m.Path != BundleLayout.Diff))
        {
            bundle.AddMissing(BundleLayout.Diff, Codes.RunRecovered, "not written before the process died");
        }

        var checks = CheckRecords.Read(stagingPath);
        ListUnfinishedChecks(bundle, stagingPath, checks);
        CarryOverErrors(stagingPath, errors);
        JsonArray? steps = null;
        if (open is not null)
        {
            var finished = open.ReadSteps();
            steps = StepRecords.List(finished);
            foreach (var (step, record) in finished)
            {
                foreach (var error in record["errors"]?.AsArray() ?? [])
                {
                    errors.Add(new EvidenceError((string)error!["code"]!, (string)error["message"]!, (string?)error["hint"], (string?)error["where"] ?? $"step {step}"));
                }
            }
        }

        var decided = Decided(stagingPath);
        errors.Add(new EvidenceError(
            Codes.RunRecovered,
            $"run {bundle.RunId} was sealed by recovery: the process writing it died before sealing it{decided}",
            "look for a crash, an OOM kill or a kill -9 at that time; what it recorded is kept"));
        return BundleClosing.Seal(
            bundle,
            errors,
            count => Manifest.Build(new RunEnd(bundle.RunId, Outcome.Incomplete, null, startedAt, finishedAt < startedAt ? startedAt : finishedAt), facts, ProgramOf(stagingPath, open), steps, checks, count),
            () => Manifest.Redaction(redactor.Summary()),
            messages);
    }

    /// <summary>The manifest facts the run kept early (.facts.json, or the open run's session), else none.</summary>
    private static (DateTimeOffset StartedAt, JsonObject Facts) Facts(string stagingPath, OpenRun? open)
    {
        var kept = open?.ReadSession() ?? Read(Path.Combine(stagingPath, BundleLayout.FactsFile));
        if (kept?["facts"] is JsonObject facts && (string?)kept[BundleFields.StartedAt] is { } started)
        {
            return (DateTimeOffset.Parse(started, CultureInfo.InvariantCulture), facts);
        }

        var first = BundleLines.Records(stagingPath, BundleLayout.Trace).Select(e => e["ts"]).FirstOrDefault(t => t is not null);
        return (first is not null
            ? DateTimeOffset.Parse((string)first!, CultureInfo.InvariantCulture)
            : DateTimeOffset.ParseExact(Path.GetFileName(stagingPath)[..20], "yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), []);
    }

    /// <summary>The program a one-process run had built (it never returned, so only its digest is known).</summary>
    private static JsonObject? ProgramOf(string stagingPath, OpenRun? open) =>
        open is null && Read(Path.Combine(stagingPath, BundleLayout.InputSnapshot))?["program"] is JsonObject program
            ? new JsonObject { ["abi"] = program["abi"]?.DeepClone(), ["sha256"] = program["sha256"]?.DeepClone(), [BundleFields.Status] = null, [BundleFields.Steps] = null, ["returned"] = null }
            : null;

    /// <summary>Keeps the lines that are whole JSON records; true when something was cut.</summary>
    private static bool DropTornLines(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var text = File.ReadAllText(path, Encoding.UTF8);
        var lines = text.Split('\n');
        // The piece after the last newline is unfinished by definition; earlier lines must parse.
        var whole = lines[..^1].Where(l => BundleLines.Parse(l) is not null).ToList();
        if (whole.Count == lines.Length - 1 && lines[^1].Length == 0)
        {
            return false;
        }

        File.WriteAllText(path, string.Concat(whole.Select(l => l + "\n")), new UTF8Encoding(false));
        return true;
    }

    /// <summary>
    /// Test cases of a check attempt whose record was never written (the process died between reading its reports and
    /// recording it): without the record they belong to nothing, so they go, and missing[] says whose they were.
    /// </summary>
    private static void DropTestsWithoutCheck(BundleWriter bundle, string stagingPath)
    {
        var path = Path.Combine(stagingPath, BundleLayout.Tests);
        if (!File.Exists(path))
        {
            return;
        }

        var recorded = CheckRecord.Read(stagingPath).Select(c => (c.Name, c.Attempt)).ToHashSet();
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var tests = lines.Select(l => BundleLines.Parse(l) is { } record ? TestRecord.From(record) : null).ToList();
        var orphans = tests.Where(t => t is null || !recorded.Contains((t.Check, t.Attempt))).ToList();
        if (orphans.Count == 0)
        {
            return;
        }

        var kept = lines.Where((_, i) => tests[i] is { } t && recorded.Contains((t.Check, t.Attempt)));
        File.WriteAllText(path, string.Concat(kept.Select(l => l + "\n")), new UTF8Encoding(false));
        foreach (var attempt in orphans.OfType<TestRecord>().Select(t => $"{t.Check}_{t.Attempt}").Distinct(StringComparer.Ordinal))
        {
            bundle.AddMissing($"{BundleLayout.Tests}#{attempt}", Codes.RunRecovered, "the test cases were read but the check's record was never written when the process died");
        }
    }

    /// <summary>Output files of a check that never got its record: it was running when the process died.</summary>
    private static void ListUnfinishedChecks(BundleWriter bundle, string stagingPath, IReadOnlyList<CheckSummary> recorded)
    {
        var stdout = Path.Combine(stagingPath, "stdout");
        if (!Directory.Exists(stdout))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(stdout, "*.txt").Order(StringComparer.Ordinal))
        {
            var match = CaptureName().Match(Path.GetFileName(file));
            if (match.Success && !recorded.Any(c => c.Name == match.Groups[1].Value && c.Attempt == int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)))
            {
                bundle.AddMissing(
                    $"checks.jsonl#{match.Groups[1].Value}_{match.Groups[2].Value}",
                    Codes.RunRecovered,
                    $"the check was running when the process died; its output so far is in stdout/{match.Value} and stderr/{match.Value}");
            }
        }
    }

    private static void CarryOverErrors(string stagingPath, RunErrors errors)
    {
        if (Read(Path.Combine(stagingPath, BundleLayout.Errors))?["errors"] is not JsonArray earlier)
        {
            return;
        }

        foreach (var error in earlier.OfType<JsonObject>())
        {
            errors.Add(new EvidenceError((string)error["code"]!, (string)error["message"]!, (string?)error["hint"], (string?)error["where"]));
        }

        File.Delete(Path.Combine(stagingPath, BundleLayout.Errors));
    }

    private static DateTimeOffset LastWrite(string stagingPath) =>
        new(Directory.EnumerateFiles(stagingPath, "*", SearchOption.AllDirectories)
            .Where(f => !BundleWriter.IsControlEntry(Path.GetRelativePath(stagingPath, f)))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(Directory.GetLastWriteTimeUtc(stagingPath))
            .Max(), TimeSpan.Zero);

    /// <summary>A run that died while sealing had already decided its outcome: say what it was.</summary>
    private static string Decided(string stagingPath)
    {
        var finish = BundleLines.Records(stagingPath, BundleLayout.Trace).LastOrDefault(e => (string?)e["type"] == TraceEvents.RunFinish);
        return finish is null ? string.Empty : $", after it had finished as {finish[BundleFields.Outcome]} (exit {finish[BundleFields.ExitCode]})";
    }

    private static JsonObject? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(.+)_(\d+)\.txt$", RegexOptions.CultureInvariant)]
    private static partial Regex CaptureName();
}
