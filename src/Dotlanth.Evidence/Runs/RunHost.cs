using System.Security.Cryptography;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>The live host: performs each syscall against the real world.</summary>
public sealed class RunHost(CheckRunner checks, RunOptions options, IReadOnlyDictionary<string, string> environment, IRedactor redactor, RunConsole console, TimeBudget budget)
    : ISyscallHost
{
    private const int MaxRandomBytes = 1 << 20;

    /// <summary>Set by the recorder so check records can point at their syscall.</summary>
    public Func<long> CurrentSeq { get; set; } = () => 0;

    public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        return syscall.Number switch
        {
            1 => LogEmit(args[0]),
            2 => ProcExec(args[0], args[1]),
            5 => environment.TryGetValue(args[0].AsString, out var value) ? Value.Of(value) : Value.Unit,
            6 => Value.Of(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            7 => RandomBytes(args[0].AsInt),
            _ => throw new VmFaultException(
                Codes.SyscallUnavailable,
                $"syscall {syscall.Name} is not available to 'run' programs in this version",
                "use 'dotnet evidence exec' for agent programs"),
        };
    }

    private Value LogEmit(Value message)
    {
        console.Messages.WriteLine("evidence: " + redactor.Redact(message.ToString()));
        return Value.Unit;
    }

    private Value ProcExec(Value argvValue, Value optionsValue)
    {
        var argv = argvValue.AsList.Select(v => v.AsString).ToList();
        if (argv.Count == 0 || argv[0].Length == 0)
        {
            throw new VmFaultException(Codes.ProgramInvalid, "proc.exec needs a non-empty argv list");
        }

        var exec = ExecOptions.From(optionsValue);
        var name = exec.Name ?? CommandProgram.DefaultCheckName(argv[0]);
        var baseDir = options.Config?.Path is { } configPath ? Path.GetDirectoryName(configPath)! : options.WorkingDirectory;
        var cwd = exec.WorkingDirectory is { } relative ? Path.GetFullPath(relative, baseDir) : options.WorkingDirectory;
        var (timeout, budgetLimited) = budget.TimeoutFor(exec.Timeout, name);
        var summary = checks.Run(argv, name, exec.Required, timeout, cwd, options.KillGrace, options.MaxOutputBytes, CurrentSeq(), exec.Accepted, exec.Environment);
        if (budgetLimited && summary.Status == CheckStatus.TimedOut)
        {
            throw budget.Exceeded(name);
        }

        return Value.Of(summary.ExitCode);
    }

    private static Value RandomBytes(long count) => count is < 0 or > MaxRandomBytes
        ? throw new VmFaultException(Codes.ProgramInvalid, $"random.bytes takes 0..{MaxRandomBytes} bytes, not {count}")
        : Value.Of(RandomNumberGenerator.GetBytes((int)count));
}
