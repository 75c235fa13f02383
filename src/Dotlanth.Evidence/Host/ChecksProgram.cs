using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

/// <summary>
/// Turns a list of checks into one DotVM program: a proc.exec per check, and for a required check a test of its exit
/// code against the accepted ones. The program returns 0, or the exit code of the first required check that failed;
/// without keep-going it stops there.
/// </summary>
public static class ChecksProgram
{
    private const string ExitCode = "r30";
    private const string Failed = "r29";

    /// <summary>
    /// <paramref name="show"/> gives the form a command line is written in, once for each place it appears (its
    /// capability and its proc.exec), so a redacting form masks and counts every place; the default is the argv itself.
    /// </summary>
    public static string Build(IReadOnlyList<CheckDefinition> checks, bool keepGoing, string header = "dotnet evidence run", Func<IReadOnlyList<string>, IReadOnlyList<string>>? show = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        show ??= argv => argv;
        var text = new StringBuilder()
            .Append("; ").Append(header).Append(": ").Append(checks.Count).Append(checks.Count == 1 ? " check" : " checks")
            .Append(keepGoing ? ", keep going\n" : ", stop at the first required failure\n")
            .Append(".abi ").Append(SyscallTable.Abi).Append('\n');
        // The program may run exactly the checks it was built from, and nothing else.
        foreach (var argv in checks.Select(c => string.Join(' ', show(c.Argv))).Distinct(StringComparer.Ordinal))
        {
            text.Append(".cap proc.exec ").Append(Assembler.Literal(Value.Of(CapabilityPattern.Escape(argv)))).Append('\n');
        }

        text
            .Append("    const ").Append(ExitCode).Append(", 0\n")
            .Append("    const ").Append(Failed).Append(", false\n");
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            Line(text, "const r0, " + Assembler.Literal(Value.Of([.. show(check.Argv).Select(Value.Of)])));
            Line(text, "const r1, " + Assembler.Literal(Options(check)));
            Line(text, "syscall r2, proc.exec, r0, r1");
            if (!check.Required)
            {
                continue;
            }

            var ok = Label("passed", i);
            foreach (var code in check.AcceptedExitCodes)
            {
                Line(text, "const r3, " + code.ToString(CultureInfo.InvariantCulture));
                Line(text, "eq r4, r2, r3");
                Line(text, "jnz r4, " + ok);
            }

            // Only the first failure decides the exit code.
            var recorded = Label("recorded", i);
            Line(text, $"jnz {Failed}, {recorded}");
            Line(text, $"mov {ExitCode}, r2");
            Line(text, $"const {Failed}, true");
            text.Append(recorded).Append(":\n");
            if (!keepGoing)
            {
                Line(text, "jmp done");
            }

            text.Append(ok).Append(":\n");
        }

        return text.Append("done:\n").Append("    ret ").Append(ExitCode).Append('\n').ToString();
    }

    /// <summary>proc.exec's options for a declared check.</summary>
    public static Value Options(CheckDefinition check)
    {
        var options = ImmutableArray.CreateBuilder<Value>();
        void Add(string key, Value value)
        {
            options.Add(Value.Of(key));
            options.Add(value);
        }

        Add("name", Value.Of(check.Name));
        Add("required", Value.Of(check.Required));
        if (check.Timeout is { } timeout)
        {
            Add("timeout_ms", Value.Of((long)timeout.TotalMilliseconds));
        }

        if (check.AcceptedExitCodes is not [0])
        {
            Add("accept", Value.Of([.. check.AcceptedExitCodes.Select(c => Value.Of((long)c))]));
        }

        if (check.WorkingDirectory is { } cwd)
        {
            Add("cwd", Value.Of(cwd));
        }

        if (check.TestReports is { } tests)
        {
            Add("tests", Value.Of([.. tests.Select(Value.Of)]));
        }

        if (!check.Environment.IsEmpty)
        {
            Add("env", Value.Of([.. check.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => new[] { Value.Of(e.Key), Value.Of(e.Value) })]));
        }

        return Value.Of(options.ToImmutable());
    }

    private static void Line(StringBuilder text, string instruction) => text.Append("    ").Append(instruction).Append('\n');

    private static string Label(string what, int index) => $"{what}_{index + 1}";
}
