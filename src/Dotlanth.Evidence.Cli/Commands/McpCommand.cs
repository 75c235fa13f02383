using System.Collections.Immutable;
using System.CommandLine;
using Dotlanth.Evidence.Cli.Mcp;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Vm;
using ModelContextProtocol.Server;

namespace Dotlanth.Evidence.Cli.Commands;

/// <summary><c>dotnet evidence mcp</c>: an MCP server whose tools are DotVM syscalls; one session, one bundle.</summary>
internal static class McpCommand
{
    private static readonly Option<string[]> Caps = new("--cap")
    {
        Description = $"Allow a syscall: SYSCALL=PATTERN, e.g. 'proc.exec=pytest *' or 'fs.write=src/**' (repeatable; adds to evidence.yml's capabilities; guarded: {SyscallTable.GuardedNames(", ")}).",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Create()
    {
        var command = new Command("mcp", """
            Serve the Model Context Protocol over stdio, for an agent (Claude Code, VS Code, Cursor, any
            MCP client). Its tools are DotVM syscalls: run_command and run_check (proc.exec), read_file,
            write_file and list_directory (fs.*), git_status and git_diff, put_artifact, log_note, and
            finish. Each call is checked against the session's capabilities (evidence.yml and --cap),
            recorded, and replayable; one session is one evidence bundle, sealed when the agent calls
            finish, the client disconnects, or on SIGINT/SIGTERM. Text returned to the agent is redacted.

            Examples:
              dotnet evidence mcp --cap 'proc.exec=pytest *' --cap 'fs.read=**' --cap 'fs.write=src/**'
              claude mcp add evidence -- dotnet-evidence mcp
            """)
        {
            Options = { Caps, RunCommand.Out, StoreCli.Target, RunCommand.ConfigFile },
        };
        RedactionCliOptions.AddTo(command).SetAction(Execute);
        return command;
    }

    private static int Execute(ParseResult parse)
    {
        var (capabilities, problems) = Read(parse.GetValue(Caps) ?? []);
        var options = new RunOptions
        {
            StoreRoot = parse.GetValue(RunCommand.Out),
            WorkingDirectory = Environment.CurrentDirectory,
            Invocation = [.. Environment.GetCommandLineArgs().Skip(1)],
            Redaction = RedactionCliOptions.Read(parse),
            FrontEnd = "mcp",
            Capabilities = capabilities,
        };
        options = ConfiguredRun.ForSession(StoreCli.Apply(parse, options), parse.GetValue(RunCommand.ConfigFile));
        options = options with { InputErrors = options.InputErrors.AddRange(problems) };
        options = options with { PushTo = PushDestination.Of(options) };
        foreach (var problem in options.InputErrors)
        {
            // The client shows the server's stderr; the session still opens, seals as blocked and answers every call with this.
            Console.Error.WriteLine(ErrorLines.Of(problem));
        }

        return Runner.Run(
            (console, interrupt) =>
            {
                // stdout and stdin carry the protocol: commands read /dev/null, and their output goes to the bundle only.
                var quiet = new RunConsole(null, null, console.Messages) { InheritStdin = false };
                var session = AgentSession.Open(options, quiet, interrupt);
                Console.Error.WriteLine($"dotnet-evidence: MCP session recording run {session.RunId}");
                var transport = new StdioServerTransport("dotnet-evidence");
                return SessionServer.ServeAsync(session, SessionTools.Create(options.Checks), transport, interrupt.Token).GetAwaiter().GetResult();
            },
            parse.GetValue(CommonOptions.Verbose));
    }

    /// <summary>--cap SYSCALL=PATTERN, each checked as evidence.yml's capabilities are.</summary>
    private static (ImmutableArray<Capability> Capabilities, List<EvidenceError> Problems) Read(IEnumerable<string> given)
    {
        var capabilities = ImmutableArray.CreateBuilder<Capability>();
        var problems = new List<EvidenceError>();
        foreach (var cap in given)
        {
            var split = cap.IndexOf('=', StringComparison.Ordinal);
            var syscall = split > 0 ? SyscallTable.ByName(cap[..split]) : null;
            var pattern = split > 0 ? cap[(split + 1)..] : string.Empty;
            var problem = syscall is null ? $"'{cap}' is not SYSCALL=PATTERN with a syscall of the table"
                : !syscall.IsGuarded ? $"{syscall.Name} needs no capability; only {SyscallTable.GuardedNames()} are limited"
                : CapabilityPattern.Problem(syscall.Name, pattern);
            if (problem is not null)
            {
                problems.Add(new EvidenceError(Codes.InvalidOption, "--cap: " + problem, "write e.g. --cap 'proc.exec=pytest *' or --cap 'fs.read=**'"));
                continue;
            }

            capabilities.Add(new Capability(syscall!.Name, pattern, "cli"));
        }

        return (capabilities.ToImmutable(), problems);
    }
}
