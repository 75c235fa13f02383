using System.CommandLine;
using Dotlanth.Evidence.Redaction.Catalog;
using Dotlanth.Evidence.Cli;
using Dotlanth.Evidence.Cli.Commands;

// The redaction gate takes tens of milliseconds to build; the second core builds it while arguments are parsed.
_ = Task.Run(BuiltInRules.Warm);

var root = new RootCommand("dotnet evidence: every run leaves one portable, redacted, verifiable evidence bundle.")
{
    Options = { CommonOptions.Verbose },
};
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(BeginCommand.Create());
root.Subcommands.Add(EndCommand.Create());
root.Subcommands.Add(LsCommand.Create());
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(CatCommand.Create());
root.Subcommands.Add(ReindexCommand.Create());
root.Subcommands.Add(RecoverCommand.Create());
root.Subcommands.Add(RedactCommand.Create());
root.Subcommands.Add(InitCommand.Create());

// Response files would rewrite a child's '@file' arguments; argv must reach the child untouched.
var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"dotnet-evidence: error EVD0001: {error.Message}; see 'dotnet evidence {parse.CommandResult.Command.Name} --help'");
    }

    return 2;
}

return parse.Invoke();
