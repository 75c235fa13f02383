namespace Dotlanth.Evidence.Tests.Support;

/// <summary>A real git repository in a temp folder with one commit (unless asked for none).</summary>
public static class TempRepo
{
    public static TempFolder Create(bool commit = true)
    {
        var folder = new TempFolder();
        Processes.Git(folder.Path, "init", "-q", "-b", "main");
        Processes.Git(folder.Path, "config", "user.email", "test@example.com");
        Processes.Git(folder.Path, "config", "user.name", "Test");
        Processes.Git(folder.Path, "config", "commit.gpgsign", "false");
        if (commit)
        {
            folder.Write("README.md", "# sample\n");
            folder.Write("src/app.txt", "line one\n");
            Processes.Git(folder.Path, "add", ".");
            Processes.Git(folder.Path, "commit", "-q", "-m", "initial");
        }

        return folder;
    }
}
