using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Git;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Runs;

/// <summary>
/// <c>begin</c>: opens a run that later steps (other processes, other CI steps) append to and <c>end</c> seals. The
/// machine, the repository and the resolved configuration are recorded now, as the state the run started from.
/// </summary>
public static class BeginSession
{
    /// <summary>The open run, or, when the input was bad, the sealed blocked bundle that says why (nothing is opened).</summary>
    public static (OpenRun? Opened, RunReport? Rejected) Execute(RunOptions options, RunConsole console, Interrupt interrupt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var env = options.Environment ?? ProcessEnvironment.Read();
        var maskKey = RandomNumberGenerator.GetBytes(Redactor.MaskKeyBytes);
        var (redactor, redactionError) = ProgramStep.CreateRedactor(env, options.Redaction, maskKey);
        var problems = options.InputErrors;
        if (redactionError is not null)
        {
            problems = problems.Add(redactionError);
        }

        if (!problems.IsEmpty)
        {
            // Same as a rejected run: one blocked bundle records what was wrong, and no run is left open.
            return (null, RunSession.Execute(options with { InputErrors = problems, Into = null }, console, interrupt));
        }

        var location = RepoLocation.Find(options.WorkingDirectory);
        var storeRoot = StoreLocation.Resolve(options.StoreRoot, options.WorkingDirectory, location);
        var startedAt = DateTimeOffset.UtcNow;
        var bundle = BundleWriter.Open(storeRoot, redactor, startedAt);
        var snapshot = Task.Run(() => GitSnapshot.Collect(location, storeRoot, options.DiffBudgetBytes, bundle, options.DiffBase));
        bundle.WriteJson(BundleLayout.Environment, EnvironmentFacts.Build(env, redactor, ToolInfo.Version));
        bundle.WriteJson(BundleLayout.ConfigSnapshot, ConfigSnapshot.Build(options, storeRoot, redactor));
        // Every bundle has a checks.jsonl, empty when no step ran a check.
        bundle.OpenJsonLines(BundleLayout.Checks).Dispose();
        var repo = snapshot.GetAwaiter().GetResult();
        var session = new JsonObject
        {
            [BundleFields.RunId] = bundle.RunId,
            [BundleFields.StartedAt] = Timestamps.Format(startedAt),
            ["front_end"] = options.FrontEnd,
            ["config"] = options.Config?.Path,
            ["push_to"] = options.PushTo,
            ["expected_checks"] = new JsonArray([.. options.Checks.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["required"] = c.Required })]),
            ["max_steps"] = options.MaxSteps,
            ["max_minutes"] = options.MaxDuration?.TotalMinutes,
            ["facts"] = Manifest.Facts(bundle, options, repo, env),
            [BundleFields.Missing] = RunControl.Missing(bundle),
            ["redaction"] = Manifest.Redaction(redactor.Summary()),
        };
        var run = OpenRun.Create(bundle, session, maskKey);
        new TraceLog(run, redactor, TimeProvider.System, step: null).Emit(TraceEvents.RunStart, RunControl.Start(bundle.RunId, options.FrontEnd));
        return (run, null);
    }

    /// <summary>The session's start time and budgets, as later steps and the end read them back.</summary>
    internal static (DateTimeOffset StartedAt, long MaxSteps, TimeSpan? MaxDuration) Budgets(JsonObject session) => (
        DateTimeOffset.Parse(session[BundleFields.StartedAt]!.GetValue<string>(), CultureInfo.InvariantCulture),
        session["max_steps"]!.GetValue<long>(),
        session["max_minutes"] is { } minutes ? TimeSpan.FromMinutes(minutes.GetValue<double>()) : null);
}
