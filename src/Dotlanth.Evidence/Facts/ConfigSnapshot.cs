using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Facts;

/// <summary>config.snapshot.json: the fully resolved settings of a run, from evidence.yml or the command line.</summary>
internal static class ConfigSnapshot
{
    public static JsonObject Build(RunOptions options, string storeRoot, Redactor redactor)
    {
        var config = options.Config;
        return new JsonObject
        {
            [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
            ["source"] = config?.Path ?? "command line",
            ["spec"] = config?.SpecId is null ? null : new JsonObject { ["id"] = config.SpecId, ["version"] = config.SpecVersion },
            ["store"] = storeRoot,
            ["push_to"] = options.PushTo is { } pushTo ? redactor.Redact(pushTo) : null,
            ["capture"] = new JsonObject
            {
                ["max_output_bytes"] = options.MaxOutputBytes,
                ["kill_grace_ms"] = (long)options.KillGrace.TotalMilliseconds,
            },
            ["diff"] = new JsonObject { ["max_bytes"] = options.DiffBudgetBytes, ["base"] = options.DiffBase },
            ["budgets"] = new JsonObject
            {
                ["max_steps"] = options.MaxSteps,
                ["max_minutes"] = options.MaxDuration is { } d ? d.TotalMinutes : null,
            },
            ["keep_going"] = options.KeepGoing,
            ["redaction"] = new JsonObject
            {
                ["patterns"] = Strings(options.Redaction.Patterns),
                ["sensitive_names"] = Strings(options.Redaction.SensitiveNames),
                ["allowlist"] = Strings(options.Redaction.Allowlist),
            },
            ["checks"] = new JsonArray([.. options.Checks.Select(check => (JsonNode)new JsonObject
            {
                ["name"] = check.Name,
                ["run"] = Strings(redactor.RedactArgv(check.Argv)),
                ["required"] = check.Required,
                ["timeout_ms"] = check.Timeout is { } t ? (long)t.TotalMilliseconds : null,
                ["accepted_exit_codes"] = new JsonArray([.. check.AcceptedExitCodes.Select(c => (JsonNode)JsonValue.Create(c))]),
                ["cwd"] = check.WorkingDirectory,
                ["tests"] = check.TestReports is { } tests ? Strings(tests) : null,
                ["env"] = new JsonObject([.. check.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(
                    e.Key,
                    (JsonNode?)(redactor.IsSensitiveName(e.Key) ? redactor.Token(Redactor.ConfigValueRule, e.Value) : e.Value)))]),
            })]),
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
