using System.CommandLine;
using System.Text.Json;
using Dotlanth.Evidence.Archives;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Values;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence verify RUN|PATH|ARCHIVE</c>: the bundle as a CI gate.</summary>
internal static class VerifyCommand
{
    private static readonly Argument<string> Target = new("bundle") { Description = $"The evidence: {RunSelector.Forms}, or an exported .tar.gz." };
    private static readonly Option<string?> Outcome = new("--require-outcome") { Description = "The outcome the bundle must have (default verified; 'any' accepts every outcome)." };
    private static readonly Option<string[]> Checks = new("--require-check") { Description = "A check that must have passed in its latest attempt (repeatable)." };
    private static readonly Option<string?> Commit = new("--commit") { Description = "The commit the evidence must be for (so stale evidence cannot be reused)." };
    private static readonly Option<bool> Clean = new("--clean") { Description = "The tree must have been recorded clean (an unknown state fails). Alone or with --commit." };
    private static readonly Option<string?> MaxAge = new("--max-age") { Description = "The evidence must be at most this old, e.g. 24h." };
    private static readonly Option<string?> PublicKey = new("--public-key") { Description = "A PEM public key: a valid signature by it is required." };
    private static readonly Option<bool> Json = new("--json") { Description = "The report as one JSON document." };

    public static Command Create()
    {
        var command = new Command("verify", """
            Check that a bundle is whole and meets a gate. Exit 0: gate met; 1: gate not met (each unmet
            condition listed); 2: the bundle is invalid or tampered (each problem listed with its file).
            No evidence is never a pass. Works offline: it needs only the bundle (and the key when asked).

            Examples:
              dotnet evidence verify last --commit "$GITHUB_SHA" --clean --require-check unit
              dotnet evidence verify evidence.tar.gz --public-key ci.pub.pem --max-age 24h --json
              dotnet evidence verify last-verified --store s3://evidence/team --commit "$GITHUB_SHA"
            """)
        {
            Options = { Outcome, Checks, Commit, Clean, MaxAge, PublicKey, Json, IndexCli.Store, StoreCli.Source },
            Arguments = { Target },
        };
        command.SetAction(parse => IndexCli.Guard(() => Execute(parse)));
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var policy = Policy(parse);
        var target = parse.GetValue(Target)!;
        var archive = Path.GetFullPath(target, Environment.CurrentDirectory);
        VerifyReport report;
        if (File.Exists(archive) && parse.GetValue(StoreCli.Source) is null)
        {
            var scratch = Directory.CreateTempSubdirectory("evidence-verify-").FullName;
            try
            {
                report = VerifyReport.Of(BundleArchive.Extract(archive, scratch), policy, DateTimeOffset.UtcNow) with { Path = archive };
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
        else
        {
            string bundle;
            try
            {
                bundle = InspectCommand.Locate(parse, target);
            }
            catch (EvidenceException missing) when (missing.Error.Code == Codes.RunNotFound)
            {
                // No evidence is a gate not met, never a pass.
                Console.Error.WriteLine(ErrorLines.Of((missing.Error with { Code = Codes.GateNotMet, Message = "no evidence: " + missing.Error.Message })));
                return VerifyReport.GateNotMet;
            }

            report = VerifyReport.Of(bundle, policy, DateTimeOffset.UtcNow);
        }

        Print(report, parse.GetValue(Json));
        if (CommonOptions.GitHubOn(parse))
        {
            new GitHubReport().Verified(report);
        }

        return report.ExitCode;
    }

    private static GatePolicy Policy(ParseResult parse)
    {
        TimeSpan? maxAge = null;
        if (parse.GetValue(MaxAge) is { } age)
        {
            maxAge = Durations.TryParse(age, out var span, out var error) ? span : throw new EvidenceException(error! with { Message = "--max-age: " + error.Message });
        }

        string? pem = null;
        if (parse.GetValue(PublicKey) is { } keyPath)
        {
            try
            {
                pem = File.ReadAllText(Path.GetFullPath(keyPath, Environment.CurrentDirectory));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new EvidenceException(new EvidenceError(Codes.KeyUnusable, $"--public-key: {keyPath} could not be read: {ex.Message}", "give the .pub.pem that 'dotnet evidence keygen' wrote"));
            }
        }

        if (parse.GetValue(Commit) is { } commit && GatePolicy.CheckCommit(commit) is { } badCommit)
        {
            throw new EvidenceException(badCommit);
        }

        var outcome = parse.GetValue(Outcome) ?? "verified";
        return new GatePolicy
        {
            RequireOutcome = outcome == "any" ? null : outcome,
            RequireChecks = [.. parse.GetValue(Checks) ?? []],
            Commit = parse.GetValue(Commit),
            Clean = parse.GetValue(Clean),
            MaxAge = maxAge,
            PublicKeyPem = pem,
        };
    }

    private static void Print(VerifyReport report, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(report.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        foreach (var problem in report.Problems)
        {
            Console.Error.WriteLine($"dotnet-evidence: error EVD0801: {problem.File}: {problem.Message}");
        }

        foreach (var condition in report.Conditions)
        {
            Console.Out.WriteLine($"{(condition.Met ? "met    " : "NOT MET")} {condition.Name}: {condition.Detail}");
        }

        Console.Out.WriteLine(report.ExitCode switch
        {
            VerifyReport.GateMet => $"gate met: run {report.RunId} (bundle digest {report.Digest})",
            VerifyReport.GateNotMet => $"gate not met: run {report.RunId}",
            _ => $"bundle invalid: {report.Problems.Count} problem(s) in {report.Path}",
        });
    }
}
