namespace Dotlanth.Evidence.Config;

/// <summary>Finds evidence.yml by walking up from a folder, stopping at the repository root (the folder holding .git).</summary>
public static class ConfigLocator
{
    private static readonly string[] Names = [ConfigLoader.FileName, "evidence.yaml"];

    public static string? Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var name in Names)
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return null;
            }
        }

        return null;
    }
}
