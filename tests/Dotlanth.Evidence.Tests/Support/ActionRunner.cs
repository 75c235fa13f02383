using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Dotlanth.Evidence.Tests.Support;

/// <summary>
/// Runs the composite Action's bash steps the way the runner does: each step's env evaluated from the inputs and
/// earlier steps' outputs, GITHUB_OUTPUT/GITHUB_ENV/GITHUB_PATH/GITHUB_STEP_SUMMARY as temp files read between steps.
/// Steps that use other actions (upload-artifact) are not run here.
/// </summary>
public sealed partial class ActionRunner(string workingDirectory, Dictionary<string, string> inputs)
{
    private readonly Dictionary<string, Dictionary<string, string>> _outputs = [];
    private readonly Dictionary<string, string?> _env = new();
    private readonly List<string> _path = [];

    public static YamlMappingNode Action => Load(Path.Combine(SchemaValidator.RepoRoot, "action.yml"));

    public string Summary { get; private set; } = "";

    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public IReadOnlyDictionary<string, string> Outputs(string step) => _outputs.GetValueOrDefault(step) ?? [];

    /// <summary>An environment variable for every later step, as a workflow's <c>env:</c> would set it.</summary>
    public void SetEnvironment(string name, string value) => _env[name] = value;

    /// <summary>Runs the step with this id (or name) and returns its process result.</summary>
    public ProcessResult Step(string id, TempFolder scratch)
    {
        var step = Steps().Single(s => Scalar(s, "id") == id || Scalar(s, "name") == id);
        var files = new Dictionary<string, string>
        {
            ["GITHUB_OUTPUT"] = scratch.Write($"{id}.output", ""),
            ["GITHUB_ENV"] = scratch.Write($"{id}.env", ""),
            ["GITHUB_PATH"] = scratch.Write($"{id}.path", ""),
            ["GITHUB_STEP_SUMMARY"] = scratch.Write($"{id}.summary", ""),
        };
        var env = new Dictionary<string, string?>(_env)
        {
            ["GITHUB_ACTIONS"] = "true",
            ["RUNNER_TEMP"] = scratch.Path,
            ["PATH"] = string.Join(':', _path.Append(Environment.GetEnvironmentVariable("PATH") ?? "")),
        };
        foreach (var (name, path) in files)
        {
            env[name] = path;
        }

        if (step.Children.TryGetValue(new YamlScalarNode("env"), out var declared))
        {
            foreach (var (name, value) in ((YamlMappingNode)declared).Children)
            {
                env[((YamlScalarNode)name).Value!] = Evaluate(((YamlScalarNode)value).Value ?? "");
            }
        }

        var script = Scalar(step, "run")!;
        var result = Processes.Run("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script], workingDirectory, env, timeoutSeconds: 600);
        _outputs[id] = ParseOutputs(File.ReadAllText(files["GITHUB_OUTPUT"]));
        foreach (var line in File.ReadAllLines(files["GITHUB_ENV"]).Where(l => l.Contains('=', StringComparison.Ordinal)))
        {
            _env[line[..line.IndexOf('=', StringComparison.Ordinal)]] = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        _path.InsertRange(0, File.ReadAllLines(files["GITHUB_PATH"]).Where(l => l.Length > 0));
        Summary += File.ReadAllText(files["GITHUB_STEP_SUMMARY"]);
        return result;
    }

    public static IEnumerable<YamlMappingNode> Steps() =>
        ((YamlSequenceNode)((YamlMappingNode)Action.Children[new YamlScalarNode("runs")]).Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>();

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    /// <summary>Heredoc outputs (<c>name&lt;&lt;DELIM</c> ... <c>DELIM</c>) and plain <c>name=value</c> lines.</summary>
    public static Dictionary<string, string> ParseOutputs(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var heredoc = Heredoc().Match(lines[i]);
            if (heredoc.Success)
            {
                var end = Array.IndexOf(lines, heredoc.Groups[2].Value, i + 1);
                result[heredoc.Groups[1].Value] = string.Join('\n', lines[(i + 1)..end]);
                i = end;
            }
            else if (lines[i].Contains('=', StringComparison.Ordinal))
            {
                result[lines[i][..lines[i].IndexOf('=', StringComparison.Ordinal)]] = lines[i][(lines[i].IndexOf('=', StringComparison.Ordinal) + 1)..];
            }
        }

        return result;
    }

    /// <summary>The expressions the Action uses: inputs.X, steps.ID.outputs.X, github.action_path, runner.os, joined by ||.</summary>
    private string Evaluate(string value) => Expression().Replace(value, match =>
    {
        foreach (var part in match.Groups[1].Value.Split("||").Select(p => p.Trim()))
        {
            var resolved = part switch
            {
                _ when part.StartsWith("inputs.", StringComparison.Ordinal) => inputs.GetValueOrDefault(part[7..]) ?? Default(part[7..]),
                _ when part.StartsWith("steps.", StringComparison.Ordinal) => Outputs(part.Split('.')[1]).GetValueOrDefault(part.Split('.')[3]),
                "github.action_path" => SchemaValidator.RepoRoot,
                "runner.os" => "Linux",
                _ => null,
            };
            if (!string.IsNullOrEmpty(resolved))
            {
                return resolved;
            }
        }

        return "";
    });

    private static string? Default(string input)
    {
        var declared = (YamlMappingNode)Action.Children[new YamlScalarNode("inputs")];
        return declared.Children.TryGetValue(new YamlScalarNode(input), out var spec) ? Scalar((YamlMappingNode)spec, "default") : null;
    }

    [GeneratedRegex(@"^(\S+)<<(\S+)$")]
    private static partial Regex Heredoc();

    [GeneratedRegex(@"\$\{\{\s*(.+?)\s*\}\}")]
    private static partial Regex Expression();
}
