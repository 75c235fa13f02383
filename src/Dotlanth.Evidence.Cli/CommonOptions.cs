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
}
