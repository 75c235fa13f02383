using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.GitHub;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Cli;

/// <summary>The CLI side of GitHub reporting: the core builds everything, this writes it where GitHub reads it.</summary>
internal sealed class GitHubReport
{
    private readonly GitHubActions _actions;
    private readonly string _token = GitHubActions.NewToken();

    public GitHubReport()
    {
        var env = ProcessEnvironment.Read();
        _actions = new GitHubActions(env, Redactor.Create(env));
    }

    /// <summary>From here until <see cref="Resume"/>, workflow commands in the child's output are not obeyed.</summary>
    public void Stop()
    {
        Console.Out.WriteLine($"::stop-commands::{_token}");
        Console.Out.Flush();
    }

    public void Resume()
    {
        Console.Out.WriteLine($"::{_token}::");
        Console.Out.Flush();
    }

    public void Run(RunReport report)
    {
        var outputs = new List<(string, string)> { ("run-id", report.RunId), ("outcome", report.Outcome.ToWire()), ("bundle-path", report.BundlePath) };
        if (report.Sealed is { } bundle)
        {
            outputs.Add(("digest", bundle.Digest));
            _actions.WriteSummary(bundle.Path);
            foreach (var annotation in _actions.Annotations(bundle.Path))
            {
                Console.Out.WriteLine(annotation);
            }
        }

        _actions.WriteOutputs(outputs);
    }

    public void Verified(Verification.VerifyReport report)
    {
        if (GitHubActions.GateAnnotation(report) is { } annotation)
        {
            Console.Out.WriteLine(annotation);
        }

        _actions.WriteOutputs([("run-id", report.RunId ?? string.Empty), ("outcome", report.Valid ? report.Outcome ?? string.Empty : string.Empty), ("bundle-path", report.Path), ("digest", report.Digest ?? string.Empty), ("gate-met", report.Met ? "true" : "false")]);
        if (report.Valid && Directory.Exists(report.Path))
        {
            _actions.WriteSummary(report.Path);
        }
    }
}
