using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Redaction;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Host;

/// <summary>
/// Checks each guarded syscall against the declared capabilities, with its actual arguments, at the moment it is
/// invoked. A denial leaves a <c>capability.denied</c> event, a report entry and a fault that stops the program.
/// </summary>
public sealed class CapabilityHost(ISyscallHost inner, CapabilityReport report, Workspace workspace, TraceLog trace, IRedactor redactor) : ISyscallHost
{
    /// <summary>The seq of the attempt being checked (set by the recorder around this host).</summary>
    public Func<long> CurrentSeq { get; set; } = () => 0;

    /// <summary>Whose capabilities a denial names: "the program's", or "the session's" for an agent session.</summary>
    public string Holder { get; set; } = "the program's";

    /// <summary>The hint of a denial: where to declare the capability (syscall, pattern) that would allow the call; a program's header unless the front end says otherwise.</summary>
    public Func<string, string, string> Suggest { get; set; } = (syscall, pattern) => $"add '.cap {syscall} {Quote(pattern)}' to the program header (or a pattern that matches it)";

    public Value Invoke(SyscallInfo syscall, ReadOnlySpan<Value> args)
    {
        ArgumentNullException.ThrowIfNull(syscall);
        if (!syscall.IsGuarded)
        {
            report.UsedUnguarded(syscall.Name);
            return inner.Invoke(syscall, args);
        }

        var subject = Subject(syscall, args);
        for (var i = 0; i < report.Declared.Count; i++)
        {
            var capability = report.Declared[i];
            if (capability.Syscall == syscall.Name && subject is not null && CapabilityPattern.Matches(syscall.Name, capability.Pattern, subject))
            {
                report.Used(i);
                return inner.Invoke(syscall, args);
            }
        }

        var shown = redactor.Redact(subject ?? args[0].ToString());
        var message = subject is null
            ? $"{syscall.Name} '{shown}' is outside the repository, which no capability can allow"
            : $"{syscall.Name} {Quote(shown)} is not allowed by {Holder} capabilities";
        var hint = subject is null ? "keep paths inside the repository" : Suggest(syscall.Name, CapabilityPattern.Escape(shown));
        var attempt = CurrentSeq();
        var seq = trace.Emit(TraceEvents.CapabilityDenied, new JsonObject
        {
            ["attempt_seq"] = attempt,
            ["syscall"] = syscall.Name,
            ["subject"] = shown,
            ["message"] = message,
        });
        report.Denied(seq, attempt, syscall.Name, shown, message);
        throw new VmFaultException(Codes.CapabilityDenied, message, hint);
    }

    /// <summary>What the pattern is matched against; null for a path outside the workspace. An address that is not one faults.</summary>
    private string? Subject(SyscallInfo syscall, ReadOnlySpan<Value> args) => syscall.Capability switch
    {
        CapabilitySubject.CommandLine => string.Join(' ', args[0].AsList.Select(v => v.AsString)),
        CapabilitySubject.RepositoryPath => workspace.Relative(args[0].AsString),
        CapabilitySubject.Address => Http.HttpAddress.Parse(args[0].AsString, out var problem)?.Canonical
            ?? throw new VmFaultException(Codes.ProgramInvalid, $"{syscall.Name}: {problem}", "give an address such as 127.0.0.1:8080"),
        _ => args[0].AsString,
    };

    private static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
