using System.Globalization;
using System.Text;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

/// <summary>
/// The syscalls of an agent session written down as the DotVM program that makes exactly them, in order: each call
/// is a <c>try</c>, so a call that faulted (a denial, a missing file) leaves its code in a register and the program
/// goes on, as the session did. Replay answers it from the trace; <c>replay --live</c> makes the same calls again.
/// Kept as it ran, and as it may be shown (each command line masked as one, then redacted).
/// </summary>
public sealed class SessionProgram
{
    private const string FaultRegister = "r31";

    private readonly IRedactor _redactor;
    private readonly StringBuilder _text;
    private readonly StringBuilder _shown;
    private readonly StringBuilder _stored;

    public SessionProgram(IReadOnlyList<Capability> capabilities, IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        _redactor = redactor;
        _text = new StringBuilder(Header(capabilities, c => c.Pattern));
        var shown = Header(capabilities, c => c.Syscall == SyscallTable.ProcExec.Name ? string.Join(' ', redactor.RedactArgv(c.Pattern.Split(' '))) : c.Pattern);
        _shown = new StringBuilder(shown);
        var stored = redactor.Redact(shown);
        _stored = new StringBuilder(stored);
        Redacted = stored != _text.ToString();
    }

    public int Calls { get; private set; }

    /// <summary>Instructions a run of the program executes: one per argument and one per call, then halt.</summary>
    public long Steps { get; private set; } = 1;

    public string Text => _text.ToString() + End;

    public string ShownText => _shown.ToString() + End;

    /// <summary>
    /// The shown text redacted call by call as calls arrive, so writing the program after each call costs one call's
    /// redaction, not the whole session's; the sealed bundle redacts <see cref="ShownText"/> whole once more.
    /// </summary>
    public string StoredText => _stored.ToString() + End;

    /// <summary>Whether <see cref="StoredText"/> differs from what ran.</summary>
    public bool Redacted { get; private set; }

    private static string End => "    halt\n";

    public void Add(string tool, SyscallInfo syscall, IReadOnlyList<Value> args)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        ArgumentNullException.ThrowIfNull(args);
        Calls++;
        var real = Call(tool, syscall, args, v => v);
        var shown = Call(tool, syscall, args, Shown);
        var stored = _redactor.Redact(shown);
        _text.Append(real);
        _shown.Append(shown);
        _stored.Append(stored);
        Redacted |= stored != real;
        Steps += args.Count + 1;
    }

    private string Call(string tool, SyscallInfo syscall, IReadOnlyList<Value> args, Func<Value, Value> show)
    {
        var text = new StringBuilder();
        text.Append("    ; ").Append(Calls.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(tool).Append('\n');
        for (var i = 0; i < args.Count; i++)
        {
            text.Append("    const r").Append(i + 1).Append(", ").Append(Assembler.Literal(show(args[i]))).Append('\n');
        }

        text.Append("    try r0, ").Append(FaultRegister).Append(", ").Append(syscall.Name);
        for (var i = 0; i < args.Count; i++)
        {
            text.Append(", r").Append(i + 1);
        }

        return text.Append('\n').ToString();
    }

    /// <summary>A list of strings is a command line: masked as one, so a secret given as its own argument is found from its flag.</summary>
    private Value Shown(Value value) => value.Kind == ValueKind.List && !value.AsList.IsEmpty && value.AsList.All(v => v.Kind == ValueKind.String)
        ? Value.Of([.. _redactor.RedactArgv([.. value.AsList.Select(v => v.AsString)]).Select(Value.Of)])
        : value;

    private static string Header(IReadOnlyList<Capability> capabilities, Func<Capability, string> pattern)
    {
        var text = new StringBuilder("; dotnet evidence mcp: an agent session's tool calls, in order\n.abi ").Append(SyscallTable.Abi).Append('\n');
        foreach (var capability in capabilities)
        {
            text.Append(".cap ").Append(capability.Syscall).Append(' ').Append(Assembler.Literal(Value.Of(pattern(capability)))).Append('\n');
        }

        return text.ToString();
    }
}
