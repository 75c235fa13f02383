using System.CommandLine;

namespace Dotlanth.Evidence.Cli;

/// <summary>Options every command understands.</summary>
internal static class CommonOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show stack traces and extra detail on errors.",
        Recursive = true,
    };

    public static readonly Option<bool> GitHub = new("--github")
    {
        Description = "Report to GitHub Actions (outputs, job summary, annotations, stop-commands around child output); on by default when GITHUB_ACTIONS=true.",
        Recursive = true,
    };

    public static readonly Option<bool> NoGitHub = new("--no-github")
    {
        Description = "Do not report to GitHub Actions even when running in it.",
        Recursive = true,
    };

    /// <summary>Whether this invocation reports to GitHub Actions.</summary>
    public static bool GitHubOn(ParseResult parse) =>
        !parse.GetValue(NoGitHub) && (parse.GetValue(GitHub) || Evidence.GitHub.GitHubActions.IsActive(Facts.ProcessEnvironment.Read()));
}
