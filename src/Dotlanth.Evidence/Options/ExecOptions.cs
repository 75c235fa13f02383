using System.Collections.Immutable;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Values;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Options;

/// <summary>proc.exec's second argument: a flat list of alternating keys and values.</summary>
internal sealed record ExecOptions(string? Name, bool Required, TimeSpan? Timeout, string? WorkingDirectory)
{
    /// <summary>Test reports the command writes (paths or globs); null: ask pytest for one; empty: none.</summary>
    public ImmutableArray<string>? TestReports { get; init; }

    public ImmutableArray<int> Accepted { get; init; } = [0];

    public ImmutableDictionary<string, string?> Environment { get; init; } = ImmutableDictionary<string, string?>.Empty;

    public static ExecOptions From(Value list)
    {
        var accepted = ImmutableArray.Create(0);
        var environment = ImmutableDictionary<string, string?>.Empty;
        string? name = null;
        ImmutableArray<string>? tests = null;
        string? cwd = null;
        var required = true;
        TimeSpan? timeout = null;
        var items = list.AsList;
        if (items.Length % 2 != 0)
        {
            throw new VmFaultException(Codes.ProgramInvalid, "proc.exec options must alternate keys and values");
        }

        for (var i = 0; i < items.Length; i += 2)
        {
            var value = items[i + 1];
            switch (items[i].AsString)
            {
                case "name":
                    name = value.AsString;
                    if (CheckNames.Validate(name) is { } invalid)
                    {
                        throw new VmFaultException(invalid.Code, invalid.Message, invalid.Hint);
                    }

                    break;
                case "required":
                    required = value.AsBool;
                    break;
                case "timeout_ms":
                    timeout = value.AsInt switch
                    {
                        0 => null,
                        > 0 => TimeSpan.FromMilliseconds(value.AsInt),
                        _ => throw new VmFaultException(Codes.ProgramInvalid, "timeout_ms must be 0 (none) or positive"),
                    };
                    break;
                case "cwd":
                    cwd = value.AsString;
                    break;
                case "tests":
                    tests = [.. value.AsList.Select(v => v.AsString)];
                    break;
                case "accept":
                    accepted = [.. value.AsList.Select(v => (int)v.AsInt)];
                    break;
                case "env":
                    var pairs = value.AsList;
                    for (var j = 0; j + 1 < pairs.Length; j += 2)
                    {
                        environment = environment.SetItem(pairs[j].AsString, pairs[j + 1].AsString);
                    }

                    break;
                default:
                    throw new VmFaultException(
                        Codes.ProgramInvalid, $"unknown proc.exec option '{items[i].AsString}'", "use name, required, timeout_ms, cwd, accept, env or tests");
            }
        }

        return new ExecOptions(name, required, timeout, cwd) { Accepted = accepted, Environment = environment, TestReports = tests };
    }
}
