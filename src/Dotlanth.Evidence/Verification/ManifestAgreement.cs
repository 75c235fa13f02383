using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Verification;

/// <summary>The records and the manifest's summary tell the same story: run id, trace order, counts, outcome.</summary>
internal static class ManifestAgreement
{
    public static void Check(JsonObject manifest, Dictionary<string, object> documents, List<VerifyProblem> problems)
    {
        var runId = (string?)manifest[BundleFields.RunId];
        if (documents.GetValueOrDefault(BundleLayout.Trace) is List<JsonObject> trace)
        {
            for (var i = 0; i < trace.Count; i++)
            {
                if ((long?)trace[i][BundleFields.Seq] != i + 1)
                {
                    problems.Add(new VerifyProblem(BundleLayout.Trace, $"line {i + 1}: seq {trace[i][BundleFields.Seq]} where {i + 1} was expected (events missing or out of order)"));
                    break;
                }
            }

            if (trace.Count > 0 && (string?)trace[0]["type"] == TraceEvents.RunStart && (string?)trace[0][BundleFields.RunId] != runId)
            {
                problems.Add(new VerifyProblem(BundleLayout.Manifest, $"run_id {runId} disagrees with trace.jsonl run.start: {trace[0][BundleFields.RunId]}"));
            }

            if (trace.Count > 0 && (string?)trace[^1]["type"] == TraceEvents.RunFinish && (string?)manifest[BundleFields.Outcome] != "incomplete"
                && ((string?)trace[^1][BundleFields.Outcome] != (string?)manifest[BundleFields.Outcome] || (int?)trace[^1][BundleFields.ExitCode] != (int?)manifest[BundleFields.ExitCode]))
            {
                problems.Add(new VerifyProblem(BundleLayout.Manifest, $"outcome {manifest[BundleFields.Outcome]} (exit {manifest[BundleFields.ExitCode]}) disagrees with trace.jsonl run.finish: {trace[^1][BundleFields.Outcome]} (exit {trace[^1][BundleFields.ExitCode]})"));
            }
        }

        if (documents.GetValueOrDefault(BundleLayout.Checks) is List<JsonObject> checks && manifest["checks"] is JsonObject summary)
        {
            var total = (int?)summary["total"];
            if (total != checks.Count)
            {
                problems.Add(new VerifyProblem(BundleLayout.Manifest, $"checks.total is {total} but checks.jsonl holds {checks.Count} records"));
            }

            foreach (var status in new[] { "passed", "failed", "timed_out", "cancelled", "blocked" })
            {
                var counted = checks.Count(c => (string?)c[BundleFields.Status] == status);
                if ((int?)summary[status] != counted)
                {
                    problems.Add(new VerifyProblem(BundleLayout.Manifest, $"checks.{status} is {summary[status]} but checks.jsonl has {counted}"));
                }
            }
        }

        if (documents.GetValueOrDefault(BundleLayout.Errors) is JsonObject errors && errors["errors"] is JsonArray list && (int?)manifest["errors"] != list.Count)
        {
            problems.Add(new VerifyProblem(BundleLayout.Manifest, $"errors is {manifest["errors"]} but errors.json holds {list.Count}"));
        }
    }
}
