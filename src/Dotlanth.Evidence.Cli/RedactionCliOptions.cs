using System.CommandLine;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Cli;

/// <summary>The user's redaction rules, shared by every command that writes or filters output.</summary>
internal static class RedactionCliOptions
{
    public static readonly Option<string[]> Patterns = new("--redact-pattern")
    {
        Description = "Extra secret pattern (.NET regex; a group named 'secret' limits the mask to it). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string[]> Names = new("--sensitive-name")
    {
        Description = "Extra word that makes a variable or an assignment sensitive (e.g. 'signature'). Repeatable.",
    };

    public static readonly Option<string[]> Allow = new("--redact-allow")
    {
        Description = "Pattern for values that are never masked (whole-value match). Repeatable.",
    };

    public static IEnumerable<Option> All => [Patterns, Names, Allow];

    public static Command AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        return command;
    }

    public static RedactionOptions Read(ParseResult parse) => new()
    {
        Patterns = [.. parse.GetValue(Patterns) ?? []],
        SensitiveNames = [.. parse.GetValue(Names) ?? []],
        Allowlist = [.. parse.GetValue(Allow) ?? []],
    };
}
