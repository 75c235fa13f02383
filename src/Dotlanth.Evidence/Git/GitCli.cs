using System.Collections.Immutable;
using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Git;

/// <summary>git through its command line: a fixed environment so answers do not depend on the user's locale, pager or locks.</summary>
public sealed class GitCli(string workingDirectory, ImmutableDictionary<string, string?>? extraEnvironment = null)
{
    private static readonly ImmutableDictionary<string, string?> BaseEnvironment = new Dictionary<string, string?>
    {
        // Never take index.lock or refresh the user's index behind their back.
        ["GIT_OPTIONAL_LOCKS"] = "0",
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_PAGER"] = "cat",
        ["LC_ALL"] = "C",
    }.ToImmutableDictionary();

    private const int MaxAnswerBytes = 16 * 1024 * 1024;

    public string WorkingDirectory { get; } = workingDirectory;

    public GitCli WithEnvironment(string name, string value) =>
        new(WorkingDirectory, (extraEnvironment ?? ImmutableDictionary<string, string?>.Empty).SetItem(name, value));

    public GitResult Run(params string[] args)
    {
        var stdout = new TextCapture(MaxAnswerBytes);
        var stderr = new TextCapture(64 * 1024);
        var result = ProcessRunner.Run(Spec(args), stdout, stderr);
        // A cut-off answer would silently drop entries (changed files, remotes): report it as a failure instead.
        return stdout.Overflowed
            ? new GitResult(result.Started, -1, string.Empty, $"git {args[0]} printed more than {MaxAnswerBytes / (1024 * 1024)} MiB; its answer was not used")
            : new GitResult(result.Started, result.ExitCode, stdout.Text, stderr.Text.Trim());
    }

    /// <summary>Streams the answer into <paramref name="sink"/> instead of memory (for patches of any size).</summary>
    public GitResult RunInto(IOutputSink sink, params string[] args)
    {
        var stderr = new TextCapture(64 * 1024);
        var result = ProcessRunner.Run(Spec(args), sink, stderr);
        return new GitResult(result.Started, result.ExitCode, string.Empty, stderr.Text.Trim());
    }

    private CommandSpec Spec(string[] args)
    {
        var environment = BaseEnvironment;
        foreach (var (name, value) in extraEnvironment ?? ImmutableDictionary<string, string?>.Empty)
        {
            environment = environment.SetItem(name, value);
        }

        return new CommandSpec(["git", .. args])
        {
            WorkingDirectory = WorkingDirectory,
            Environment = environment,
            InheritStdin = false,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }
}
