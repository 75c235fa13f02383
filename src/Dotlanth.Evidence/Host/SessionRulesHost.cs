using System.Text.RegularExpressions;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

/// <summary>
/// What an agent session refuses before a call reaches the capability check, recorded as the call's fault like any
/// other: a command run from outside the repository, and a write that would put a redaction mask where a secret was.
/// </summary>
public sealed partial class SessionRulesHost(ISyscallHost inner, Workspace workspace, Func<string, string> commandDirectory) : ISyscallHost
{
    public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        if (syscall == SyscallTable.ProcExec && ExecOptions.From(args[1]).WorkingDirectory is { } cwd && workspace.Relative(commandDirectory(cwd)) is null)
        {
            throw new VmFaultException(Codes.PathOutsideWorkspace, $"proc.exec: the working directory '{cwd}' is outside the repository", "give a folder inside the repository, relative to its top");
        }

        if (syscall == SyscallTable.FsWrite && args[1].Kind == ValueKind.String && Mask().IsMatch(args[1].AsString))
        {
            throw new VmFaultException(
                Codes.MaskedContent,
                $"fs.write: the content for '{args[0].AsString}' holds a redaction mask ([REDACTED:…]); writing it would replace the secret it stands for",
                "write the file without the masked part, or leave the lines that hold secrets to a person");
        }

        return inner.Invoke(syscall, args);
    }

    [GeneratedRegex(@"\[REDACTED:[A-Za-z0-9_.-]+:[0-9a-f]{8}\]", RegexOptions.CultureInvariant)]
    private static partial Regex Mask();
}
