using System.Collections.Immutable;
using System.Text;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>Turns <c>run -- cmd args</c> into a DotVM program whose one proc.exec runs the command and returns its exit code.</summary>
public static class CommandProgram
{
    public static string Build(IReadOnlyList<string> argv, string checkName, TimeSpan? timeout, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var command = Value.Of([.. argv.Select(Value.Of)]);
        var options = ImmutableArray.CreateBuilder<Value>();
        options.Add(Value.Of("name"));
        options.Add(Value.Of(checkName));
        options.Add(Value.Of("required"));
        options.Add(Value.Of(required));
        if (timeout is { } t)
        {
            options.Add(Value.Of("timeout_ms"));
            options.Add(Value.Of((long)t.TotalMilliseconds));
        }

        return new StringBuilder()
            .Append("; dotnet evidence run: one check\n")
            .Append(".abi ").Append(SyscallTable.Abi).Append('\n')
            .Append("    const r0, ").Append(Assembler.Literal(command)).Append('\n')
            .Append("    const r1, ").Append(Assembler.Literal(Value.Of(options.ToImmutable()))).Append('\n')
            .Append("    syscall r2, proc.exec, r0, r1\n")
            .Append("    ret r2\n")
            .ToString();
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
