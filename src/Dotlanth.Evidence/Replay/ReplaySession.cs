using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Host;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Json;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Replay;

/// <summary>
/// <c>replay</c>: runs a bundle's recorded program again against its own trace. Every syscall is answered from the
/// recording (nothing is executed), and the first difference in syscall, arguments or ending stops it.
/// </summary>
public static class ReplaySession
{
    /// <summary>Throws <see cref="EvidenceException"/> when the bundle cannot be replayed at all.</summary>
    public static ReplayResult Run(string bundlePath, IReadOnlyDictionary<string, string> environment, string? programOverride = null, string overrideFile = "program.dasm")
    {
        var manifest = BundleLines.Document(bundlePath, BundleLayout.Manifest) ?? throw Impossible(bundlePath, "it has no readable bundle.json");
        var runId = (string)manifest[BundleFields.RunId]!;
        var snapshot = BundleLines.Document(bundlePath, BundleLayout.InputSnapshot) ?? throw Impossible(bundlePath, "it has no input_snapshot.json (its input was rejected before a program was built)");
        var programs = Programs(snapshot, manifest);
        if (programOverride is not null)
        {
            programs = programs.Count == 1
                ? [programs[0] with { Text = programOverride, File = overrideFile }]
                : throw Impossible(bundlePath, "--program replaces the program of a one-process run; this run has several steps");
        }

        var trace = BundleLines.Read(bundlePath, BundleLayout.Trace);
        var redactor = Redactor.Create(environment);
        var maxSteps = (long?)manifest["budgets"]?["max_steps"] ?? Interpreter.DefaultStepBudget;
        var answered = 0;
        foreach (var recorded in programs)
        {
            if (recorded.Abi != SyscallTable.Abi)
            {
                throw Impossible(bundlePath, $"it was recorded with syscall ABI {recorded.Abi}; this tool replays ABI {SyscallTable.Abi}");
            }

            VmProgram program;
            try
            {
                program = Assembler.Assemble(recorded.Text, recorded.File);
            }
            catch (AssemblyException ex)
            {
                throw Impossible(bundlePath, $"its program does not assemble: {ex.Message}");
            }

            var calls = RecordedCall.From(trace, recorded.Step);
            var host = new ReplayHost(calls, redactor, recorded.Step);
            VmResult result;
            try
            {
                result = Interpreter.Run(program, host, maxSteps, Value.Of([.. recorded.Arguments.Select(Value.Of)]));
            }
            catch (ReplayDivergedException diverged)
            {
                return new ReplayResult(runId, programs.Count, answered + host.Answered, diverged.Divergence);
            }
            catch (EvidenceException notReplayable) when (notReplayable.Error.Code == Codes.ReplayImpossible)
            {
                throw new EvidenceException(notReplayable.Error with { Message = $"run {Path.GetFileName(bundlePath)} cannot be replayed: {notReplayable.Error.Message}" });
            }

            answered += host.Answered;
            if (host.NextUnanswered is { } missing)
            {
                return new ReplayResult(runId, programs.Count, answered, new ReplayDivergence(
                    missing.Seq, recorded.Step, missing.Describe(), null, $"seq {missing.Seq}: {missing.Name} was recorded, but the program ended without making it"));
            }

            if (Ending(recorded.Ending, result, redactor) is { } different)
            {
                var last = calls.Count > 0 ? calls[^1].Seq : 0;
                return new ReplayResult(runId, programs.Count, answered, new ReplayDivergence(last, recorded.Step, recorded.Ending, Describe(result, redactor), different));
            }
        }

        return new ReplayResult(runId, programs.Count, answered, null);
    }

    /// <summary>The programs of a bundle: one for a one-process run, one per step otherwise.</summary>
    private static List<RecordedProgram> Programs(JsonObject snapshot, JsonObject manifest)
    {
        if (snapshot[BundleFields.Steps] is JsonArray steps)
        {
            var endings = manifest[BundleFields.Steps]?.AsArray().OfType<JsonObject>().ToDictionary(s => (int)s["step"]!, s => s["program"] as JsonObject) ?? [];
            return [.. steps.OfType<JsonObject>().Select(s => Program(s, (int)s["step"]!, endings.GetValueOrDefault((int)s["step"]!)))];
        }

        return [Program(snapshot, null, manifest["program"] as JsonObject)];
    }

    private static RecordedProgram Program(JsonObject entry, int? step, JsonObject? ending) => new(
        step,
        (string)entry["program"]!["text"]!,
        (int)entry["program"]!["abi"]!,
        (string?)entry["inputs"]?["program_file"] ?? (step is null ? "run.dasm" : $"step{step}.dasm"),
        [.. entry["arguments"]?.AsArray().Select(a => (string)a!) ?? []],
        ending);

    /// <summary>Null when the replayed program ended as recorded; else what differs.</summary>
    private static string? Ending(JsonObject? recorded, VmResult result, IRedactor redactor)
    {
        if (recorded is null || (string?)recorded[BundleFields.Status] is not { } status)
        {
            return null;
        }

        var replayed = Describe(result, redactor);
        if (status != (string?)replayed[BundleFields.Status])
        {
            return $"the program ended {replayed[BundleFields.Status]} in replay but {status} when recorded";
        }

        return JsonNode.DeepEquals(recorded["returned"], replayed["returned"])
            ? null
            : $"the program returned {replayed["returned"]?.ToJsonString() ?? "unit"} in replay but {recorded["returned"]?.ToJsonString() ?? "unit"} when recorded";
    }

    /// <summary>How the replayed program ended, in the form the manifest records (the returned value redacted and bounded).</summary>
    private static JsonObject Describe(VmResult result, IRedactor redactor) => new()
    {
        [BundleFields.Status] = result.Status switch
        {
            VmStatus.Returned => "returned",
            VmStatus.Halted => "halted",
            VmStatus.Faulted => "faulted",
            _ => "budget_exceeded",
        },
        ["returned"] = JsonRedaction.Redact(ValueJson.ToJson(result.Returned, redactor), redactor),
    };

    private static EvidenceException Impossible(string bundlePath, string why) => new(new EvidenceError(
        Codes.ReplayImpossible, $"run {Path.GetFileName(bundlePath)} cannot be replayed: {why}", "replay a bundle written by 'run' or 'exec' with this tool's ABI"));

    private sealed record RecordedProgram(int? Step, string Text, int Abi, string File, IReadOnlyList<string> Arguments, JsonObject? Ending);
}
