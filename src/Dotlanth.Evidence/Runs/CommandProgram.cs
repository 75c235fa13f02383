using Dotlanth.Evidence.Config;

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
        var name = options.CheckName ?? DefaultCheckName(options.Command[0]);
        return options with { Checks = [new CheckDefinition { Name = name, Argv = options.Command, Timeout = options.Timeout, TestResults = options.TestResults }] };
    }

    /// <summary>A check name from a program path: its file name, reduced to letters, digits, dot, dash and underscore.</summary>
    public static string DefaultCheckName(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var name = Path.GetFileName(program.TrimEnd('/', '\\'));
        var cleaned = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.', '-', '_');
        cleaned = cleaned.Length > 64 ? cleaned[..64] : cleaned;
        return cleaned.Length == 0 ? "check" : cleaned;
    }
}
