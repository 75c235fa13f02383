using System.Collections.Immutable;
using Dotlanth.Evidence.Values;
using YamlDotNet.RepresentationModel;

namespace Dotlanth.Evidence.Config;

/// <summary>One entry of <c>checks:</c>.</summary>
internal static class CheckReader
{
    private static readonly string[] Keys = ["name", "run", "shell", "required", "timeout", "accepted_exit_codes", "cwd", "env", "tests"];

    public static CheckDefinition Read(YamlMappingNode node, YamlReader reader)
    {
        string? name = null;
        YamlNode? run = null;
        var shell = false;
        var check = new CheckDefinition { Name = "-", Argv = ["-"] };
        foreach (var (key, value) in reader.Entries(node, "a check", Keys))
        {
            switch (key)
            {
                case "name":
                    name = reader.Text(value, "name");
                    if (CheckNames.Validate(name) is { } invalid)
                    {
                        throw reader.Error(value, invalid.Message, invalid.Hint ?? string.Empty);
                    }

                    break;
                case "run":
                    run = value;
                    break;
                case "shell":
                    shell = reader.Bool(value, "shell");
                    break;
                case "required":
                    check = check with { Required = reader.Bool(value, "required") };
                    break;
                case "timeout":
                    check = check with { Timeout = reader.Duration(value, "timeout") };
                    break;
                case "accepted_exit_codes":
                    var codes = reader.Sequence(value, "accepted_exit_codes").Select((c, i) => (int)reader.Integer(c, $"accepted_exit_codes[{i}]", 0, 255)).ToImmutableArray();
                    check = check with { AcceptedExitCodes = codes.IsEmpty ? throw reader.Error(value, "accepted_exit_codes is empty", "list at least one exit code, e.g. [0]") : codes };
                    break;
                case "cwd":
                    check = check with { WorkingDirectory = reader.Text(value, "cwd") };
                    break;
                case "tests":
                    check = check with { TestReports = TestPatterns(value, reader) };
                    break;
                default:
                    check = check with { Environment = reader.Mapping(value, "env").Children.ToImmutableDictionary(kv => reader.Text(kv.Key, "an env name"), kv => reader.Scalar(kv.Value, "an env value")) };
                    break;
            }
        }

        if (name is null)
        {
            throw reader.Error(node, "a check needs a name", "add name: <letters, digits, . - _>");
        }

        if (run is null)
        {
            throw reader.Error(node, $"check '{name}' has no run", "add run: [program, arg, ...] or run: \"command line\" with shell: true");
        }

        return check with { Name = name, Argv = Argv(run, shell, name, reader) };
    }

    /// <summary><c>tests:</c> one path or glob, a list of them, or <c>none</c>.</summary>
    private static ImmutableArray<string> TestPatterns(YamlNode value, YamlReader reader)
    {
        var patterns = value is YamlSequenceNode ? reader.Strings(value, "tests").ToImmutableArray() : [reader.Text(value, "tests")];
        if (patterns.Any(p => p.Length == 0) || (patterns.Contains("none") && patterns.Length > 1))
        {
            throw reader.Error(value, "tests must name report files (paths or globs) or be none", "write tests: reports/junit.xml, a list of them, or tests: none");
        }

        return patterns is ["none"] ? [] : patterns;
    }

    private static ImmutableArray<string> Argv(YamlNode run, bool shell, string name, YamlReader reader)
    {
        if (run is YamlSequenceNode)
        {
            var argv = reader.Strings(run, "run").ToImmutableArray();
            return argv.IsEmpty || argv[0].Length == 0
                ? throw reader.Error(run, $"check '{name}' has an empty run list", "put the program first: [pytest, -q]")
                : shell ? throw reader.Error(run, "shell: true needs run written as one command line string", "write run: \"pytest -q && ...\"") : argv;
        }

        var line = reader.Text(run, "run");
        return shell
            ? ["sh", "-c", line]
            : throw reader.Error(run, $"run is a command line but shell is not true for check '{name}'", "write run as a list ([pytest, -q]) for exact argv, or add shell: true to run it with sh -c");
    }
}
