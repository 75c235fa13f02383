using System.CommandLine;
using Dotlanth.Evidence.Hooks;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence hook install [--check NAME]...</c> and <c>hook uninstall</c>.</summary>
internal static class HookCommand
{
    private static readonly Option<string[]> Checks = new("--check") { Description = "Run only these configured checks before a push (repeatable; default: all)." };

    public static Command Create()
    {
        var install = new Command("install", """
            Install a pre-push hook that runs the checks of evidence.yml under evidence and refuses the
            push unless the outcome is verified (it prints the run id). Honors core.hooksPath; an
            existing pre-push hook is kept and runs first; installing again only updates this hook.
            """)
        {
            Options = { Checks },
        };
        install.SetAction(parse => IndexCli.Guard(() =>
        {
            // The hook calls the same tool that installed it while it exists (a dll under 'dotnet', or the apphost).
            var self = Path.Combine(AppContext.BaseDirectory, "dotnet-evidence.dll");
            var tool = Environment.ProcessPath is { } host && !Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.Ordinal) ? host : self;
            var hook = PrePushHook.Install(Environment.CurrentDirectory, parse.GetValue(Checks) ?? [], tool);
            Console.Error.WriteLine($"dotnet-evidence: installed the pre-push hook {Path.GetRelativePath(Environment.CurrentDirectory, hook)}");
            return 0;
        }));

        var uninstall = new Command("uninstall", "Remove the pre-push hook this tool installed and put back the one it chained, if any.");
        uninstall.SetAction(parse => IndexCli.Guard(() =>
        {
            var removed = PrePushHook.Uninstall(Environment.CurrentDirectory);
            Console.Error.WriteLine(removed is null ? "dotnet-evidence: no pre-push hook of this tool is installed; nothing changed" : $"dotnet-evidence: removed the pre-push hook {Path.GetRelativePath(Environment.CurrentDirectory, removed)}");
            return 0;
        }));

        return new Command("hook", "Install or remove the pre-push hook that gates pushes on evidence.") { Subcommands = { install, uninstall } };
    }
}
