using System.CommandLine;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Hooks;
using Dotlanth.Evidence.Options;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence hook install [--check NAME]... [--in-place]</c>, <c>hook uninstall</c>, and <c>hook pre-push</c> (what the hook runs).</summary>
internal static class HookCommand
{
    private static readonly Option<string[]> Checks = new("--check") { Description = "Run only these configured checks before a push (repeatable; default: all)." };
    private static readonly Option<bool> InPlace = new("--in-place")
    {
        Description = "Never check a pushed commit in a temporary worktree: refuse the push unless the work tree is that commit, clean.",
    };

    public static Command Create()
    {
        var install = new Command("install", """
            Install a pre-push hook that, for each pushed commit, runs the checks of evidence.yml under
            evidence and refuses the push unless every outcome is verified (it prints the run ids). When the
            work tree is the pushed commit and clean, the checks run in place; otherwise in a temporary
            worktree at that commit, removed afterwards (--in-place refuses instead). Honors
            core.hooksPath; an existing pre-push hook is kept and runs first; installing again only updates
            this hook.
            """)
        {
            Options = { Checks, InPlace },
        };
        install.SetAction(parse => IndexCli.Guard(() =>
        {
            // The hook calls the same tool that installed it while it exists (a dll under 'dotnet', or the apphost).
            var self = Path.Combine(AppContext.BaseDirectory, "dotnet-evidence.dll");
            var tool = Environment.ProcessPath is { } host && !Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.Ordinal) ? host : self;
            var hook = PrePushHook.Install(Environment.CurrentDirectory, parse.GetValue(Checks) ?? [], parse.GetValue(InPlace), tool);
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

        var prePush = new Command("pre-push", """
            What the installed hook runs: reads git's pre-push lines from standard input and, for each
            pushed commit, runs the configured checks on exactly that commit. Exit 0 when every outcome is
            verified, else non-zero. Branch deletions need no evidence.
            """)
        {
            Options = { Checks, InPlace },
        };
        prePush.SetAction(parse => IndexCli.Guard(() => PrePush(parse)));

        return new Command("hook", "Install or remove the pre-push hook that gates pushes on evidence.") { Subcommands = { install, uninstall, prePush } };
    }

    private static int PrePush(ParseResult parse)
    {
        var cwd = Environment.CurrentDirectory;
        var refs = PushedRef.Parse(Console.In.ReadToEnd());
        foreach (var deleted in refs.Where(r => r.IsDeletion))
        {
            Console.Error.WriteLine($"pre-push: {deleted.RemoteRef}: deleted; no evidence needed");
        }

        var store = StoreLocation.ForReading(null, cwd);
        foreach (var target in PushPlan.For(cwd, store, refs, parse.GetValue(InPlace)))
        {
            var where = target.InPlace ? "in the work tree" : "in a temporary worktree";
            Console.Error.WriteLine($"pre-push: {string.Join(", ", target.Refs)} at {target.Commit[..7]}: running the checks {where} ({target.Why})");
            var (worktree, problem) = target.InPlace ? (null, null) : PushWorktree.TryCreate(cwd, target.Commit);
            using var removed = worktree;
            // A commit that cannot be checked out still leaves a (blocked) bundle that says why.
            var options = new RunOptions
            {
                WorkingDirectory = worktree?.Path ?? cwd,
                StoreRoot = store,
                FrontEnd = "pre-push",
                Invocation = [.. Environment.GetCommandLineArgs().Skip(1)],
                InputErrors = problem is null ? [] : [problem],
            };
            options = ConfiguredRun.Resolve(options, null, parse.GetValue(Checks) ?? [], new ExplicitSettings(false, false, false));
            var exit = Runner.Run(options, parse.GetValue(CommonOptions.Verbose));
            if (exit != 0)
            {
                return exit;
            }
        }

        return 0;
    }
}
