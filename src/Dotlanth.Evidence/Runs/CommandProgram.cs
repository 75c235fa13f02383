using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Host;
using Dotlanth.Evidence.Options;

namespace Dotlanth.Evidence.Runs;

/// <summary>Turns <c>run -- cmd args</c> into a DotVM program whose one proc.exec runs the command and returns its exit code.</summary>
public static class CommandProgram
{
    public static string Build(IReadOnlyList<string> argv, string checkName, TimeSpan? timeout, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(argv);
        return ChecksProgram.Build([new CheckDefinition { Name = checkName, Argv = [.. argv], Timeout = timeout, Required = required }], keepGoing: false);
    }

    /// <summary>The one check of <c>run -- cmd</c>: the command, named by --name or after the program, with --timeout.</summary>
    public static RunOptions Resolve(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = options.CheckName ?? CommandNames.Of(options.Command);
        return options with { Checks = [new CheckDefinition { Name = name, Argv = options.Command, Timeout = options.Timeout, TestReports = options.TestReports }] };
    }
}
