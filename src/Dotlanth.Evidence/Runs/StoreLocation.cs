using Dotlanth.Evidence.Git;

namespace Dotlanth.Evidence.Runs;

/// <summary>The default store: <c>.evidence</c> at the repository root, else in the working directory.</summary>
public static class StoreLocation
{
    public const string DefaultFolder = ".evidence";

    public static string Resolve(string? explicitRoot, string workingDirectory)
    {
        if (explicitRoot is not null)
        {
            return Path.GetFullPath(explicitRoot, workingDirectory);
        }

        var top = new GitCli(workingDirectory).Run("rev-parse", "--show-toplevel");
        var root = top.Ok ? top.Stdout.Trim() : workingDirectory;
        return Path.Combine(root, DefaultFolder);
    }
}
