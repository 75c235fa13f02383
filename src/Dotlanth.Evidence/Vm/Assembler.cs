using System.Collections.Immutable;
using System.Globalization;

namespace Dotlanth.Evidence.Vm;

/// <summary>
/// Assembles .dasm text: <c>.abi</c> and <c>.cap</c> header lines, <c>label:</c> lines, one instruction per line,
/// <c>;</c> comments. Everything is checked before anything runs.
/// </summary>
public static class Assembler
{
    /// <summary>Programs are small text; a huge one would cost memory many times its size before failing anyway.</summary>
    public const int MaxProgramChars = 1024 * 1024;

    public static VmProgram Assemble(string text, string file = "<program>")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxProgramChars)
        {
            throw new AssemblyException(file, 1, 1, $"the program is {text.Length} characters; programs are limited to 1 MiB");
        }

        var code = new List<Instruction>();
        var constants = new List<Value>();
        var capabilities = ImmutableArray.CreateBuilder<Capability>();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var fixups = new List<(int Index, string Label, int Line, int Column)>();
        int? abi = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var reader = new LineReader(file, i + 1, lines[i].TrimEnd('\r'));
            if (reader.AtEnd)
            {
                continue;
            }

            var column = reader.Column;
            var word = reader.Word();
            if (word.StartsWith('.'))
            {
                abi = Directive(reader, word, column, abi, capabilities);
                EndOfLine(reader);
                continue;
            }

            if (reader.TryChar(':'))
            {
                if (!labels.TryAdd(word, code.Count))
                {
                    throw reader.Error($"label '{word}' is defined twice", column);
                }

                if (reader.AtEnd)
                {
                    continue;
                }

                column = reader.Column;
                word = reader.Word();
            }

            code.Add(Instruction(reader, word, column, i + 1, constants, fixups, code.Count));
            EndOfLine(reader);
        }

        if (abi is null)
        {
            throw new AssemblyException(file, 1, 1, "missing '.abi 1' header");
        }

        foreach (var (index, label, line, column) in fixups)
        {
            if (!labels.TryGetValue(label, out var target))
            {
                throw new AssemblyException(file, line, column, $"unknown label '{label}'");
            }

            var old = code[index];
            code[index] = old.Op == OpCode.Jmp ? old with { A = target } : old with { B = target };
        }

        return new VmProgram(text, abi.Value, capabilities.ToImmutable(), [.. code], [.. constants]);
    }

    private static int? Directive(LineReader reader, string word, int column, int? abi, ImmutableArray<Capability>.Builder capabilities)
    {
        switch (word)
        {
            case ".abi":
                var versionColumn = reader.Column;
                var version = reader.Literal();
                if (version.Kind != ValueKind.Int || version.AsInt != SyscallTable.Abi)
                {
                    throw reader.Error($"unsupported ABI version '{version}'; this tool runs ABI {SyscallTable.Abi}", versionColumn);
                }

                return SyscallTable.Abi;
            case ".cap":
                var nameColumn = reader.Column;
                var name = reader.Word();
                if (SyscallTable.ByName(name) is null)
                {
                    throw reader.Error($"unknown syscall '{name}' in capability", nameColumn);
                }

                var patternColumn = reader.Column;
                var pattern = reader.QuotedString();
                if (!SyscallTable.ByName(name)!.IsGuarded)
                {
                    throw reader.Error($"{name} needs no capability; only {SyscallTable.GuardedNames()} are limited", nameColumn);
                }

                if (CapabilityPattern.Problem(name, pattern) is { } problem)
                {
                    throw reader.Error($"bad capability pattern: {problem}", patternColumn);
                }

                capabilities.Add(new Capability(name, pattern));
                return abi;
            default:
                throw reader.Error($"unknown directive '{word}'; expected .abi or .cap", column);
        }
    }

    private static Instruction Instruction(
        LineReader reader, string mnemonic, int column, int line, List<Value> constants, List<(int, string, int, int)> fixups, int index)
    {
        switch (mnemonic)
        {
            case "const":
                var rd = reader.Register();
                reader.Expect(',');
                constants.Add(reader.Literal());
                return new Instruction(OpCode.Const, rd, constants.Count - 1, 0, null, line);
            case "mov":
                var to = reader.Register();
                reader.Expect(',');
                return new Instruction(OpCode.Move, to, reader.Register(), 0, null, line);
            case "eq" or "lt" or "get" or "prefix" or "concat":
                var dest = reader.Register();
                reader.Expect(',');
                var left = reader.Register();
                reader.Expect(',');
                var op = mnemonic switch { "eq" => OpCode.Eq, "lt" => OpCode.Lt, "get" => OpCode.Get, "prefix" => OpCode.Prefix, _ => OpCode.Concat };
                return new Instruction(op, dest, left, reader.Register(), null, line);
            case "jmp":
                fixups.Add((index, LabelOperand(reader, out var jmpColumn), line, jmpColumn));
                return new Instruction(OpCode.Jmp, -1, 0, 0, null, line);
            case "jz" or "jnz":
                var tested = reader.Register();
                reader.Expect(',');
                fixups.Add((index, LabelOperand(reader, out var jColumn), line, jColumn));
                return new Instruction(mnemonic == "jz" ? OpCode.Jz : OpCode.Jnz, tested, -1, 0, null, line);
            case "halt":
                return new Instruction(OpCode.Halt, 0, 0, 0, null, line);
            case "ret":
                return new Instruction(OpCode.Ret, reader.Register(), 0, 0, null, line);
            case "syscall":
                return Syscall(reader, line, OpCode.Syscall, 0);
            case "try":
                var value = reader.Register();
                reader.Expect(',');
                return Syscall(reader, line, OpCode.Try, value);
            default:
                throw reader.Error($"unknown instruction '{mnemonic}'; expected const, mov, syscall, try, eq, lt, get, prefix, concat, jmp, jz, jnz, ret or halt", column);
        }
    }

    /// <summary>
    /// <c>syscall rD, name, args…</c>, or <c>try rD, rE, name, args…</c> whose rE (C) receives unit, or the fault's
    /// code when the syscall faulted (rD is then unit).
    /// </summary>
    private static Instruction Syscall(LineReader reader, int line, OpCode op, int first)
    {
        var result = op == OpCode.Try ? first : reader.Register();
        var faultRegister = 0;
        if (op == OpCode.Try)
        {
            faultRegister = reader.Register();
        }

        reader.Expect(',');
        var column = reader.Column;
        SyscallInfo? info;
        if (char.IsDigit(reader.Peek()))
        {
            var number = reader.Literal();
            info = SyscallTable.ByNumber((int)number.AsInt);
        }
        else
        {
            info = SyscallTable.ByName(reader.Word());
        }

        if (info is null)
        {
            throw reader.Error("unknown syscall; see the syscall table in docs/dotvm.md", column);
        }

        var args = new List<int>();
        while (reader.TryChar(','))
        {
            args.Add(reader.Register());
        }

        if (args.Count < info.RequiredArity || args.Count > info.Arity)
        {
            var takes = info.RequiredArity == info.Arity ? $"{info.Arity}" : $"{info.RequiredArity} to {info.Arity}";
            throw reader.Error($"{info.Name} takes {takes} argument register(s), found {args.Count}", column);
        }

        return new Instruction(op, result, info.Number, faultRegister, [.. args], line);
    }

    private static string LabelOperand(LineReader reader, out int column)
    {
        column = reader.Column;
        return reader.Word();
    }

    private static void EndOfLine(LineReader reader)
    {
        if (!reader.AtEnd)
        {
            throw reader.Error("unexpected text after the instruction");
        }
    }

    /// <summary>The literal syntax of a value, the inverse of what the assembler reads.</summary>
    public static string Literal(Value value) => value.Kind switch
    {
        ValueKind.Unit => "unit",
        ValueKind.Bool => value.AsBool ? "true" : "false",
        ValueKind.Int => value.AsInt.ToString(CultureInfo.InvariantCulture),
        ValueKind.String => Quote(value.AsString),
        ValueKind.Bytes => "b" + Quote(string.Concat(value.AsBytes.Select(b => (char)b))),
        _ => "[" + string.Join(", ", value.AsList.Select(Literal)) + "]",
    };

    private static string Quote(string s)
    {
        var sb = new System.Text.StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
