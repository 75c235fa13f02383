using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Replay;

/// <summary>
/// <c>replay --live</c>'s report: the original run and its re-execution, syscall by syscall. A different syscall or
/// argument is a divergence; a different result is expected for clock, randomness and the like, and a change for
/// side effects (an exit code, a file written). Compared in redacted form; masks differ between bundles, so a
/// masked secret shows as a difference.
/// </summary>
public static class LiveComparison
{
    public static JsonObject Compare(string originalPath, string livePath)
    {
        var before = RecordedCall.From(BundleLines.Read(originalPath, BundleLayout.Trace), null);
        var after = RecordedCall.From(BundleLines.Read(livePath, BundleLayout.Trace), null);
        var differences = new JsonArray();
        var diverged = false;
        var changed = 0;
        for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
        {
            var was = i < before.Count ? before[i] : null;
            var now = i < after.Count ? after[i] : null;
            if (was is null || now is null || was.Number != now.Number || !JsonNode.DeepEquals(was.Args, now.Args))
            {
                differences.Add((JsonNode)Difference("diverged", was, now, "the syscall or its arguments differ; the runs part here"));
                diverged = true;
                break;
            }

            if (!JsonNode.DeepEquals(Outcome(was.Result), Outcome(now.Result)))
            {
                var expected = SyscallTable.ByNumber(was.Number)?.Class == SyscallClass.NonDeterministic;
                changed += expected ? 0 : 1;
                differences.Add((JsonNode)Difference(expected ? "expected" : "changed", was, now, expected ? "a non-deterministic result" : "a side effect ended differently"));
            }
        }

        return new JsonObject
        {
            ["original"] = Path.GetFileName(originalPath),
            ["live"] = Path.GetFileName(livePath),
            ["same"] = !diverged && changed == 0,
            ["syscalls"] = new JsonObject { ["original"] = before.Count, ["live"] = after.Count },
            ["differences"] = differences,
        };
    }

    private static JsonObject? Outcome(JsonObject? result) => result is null ? null : new JsonObject
    {
        [BundleFields.Status] = result[BundleFields.Status]?.DeepClone(),
        ["result"] = result["result"]?.DeepClone(),
        ["error"] = result["error"]?["code"]?.DeepClone(),
    };

    private static JsonObject Difference(string kind, RecordedCall? was, RecordedCall? now, string why) => new()
    {
        ["kind"] = kind,
        ["why"] = why,
        ["original"] = was is null ? null : Side(was),
        ["live"] = now is null ? null : Side(now),
    };

    private static JsonObject Side(RecordedCall call)
    {
        var side = call.Describe();
        side["result"] = Outcome(call.Result);
        return side;
    }
}
