using System.Globalization;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dotlanth.Evidence.Config;

/// <summary>Typed reads from YAML nodes; every failure names the file, line and column of the offending node.</summary>
internal sealed class YamlReader(string file)
{
    public ConfigException Error(YamlNode node, string message, string hint) => Error(node.Start, message, hint);

    public ConfigException Error(Mark mark, string message, string hint) => new(new EvidenceError(
        Codes.ConfigInvalid, $"{Path.GetFileName(file)}:{mark.Line}:{mark.Column}: {message}", hint, $"{file}:{mark.Line}:{mark.Column}"));

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value lines)", "indent its keys under it");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list", "write it as a YAML list: [a, b] or '- a' lines");

    public string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"{what} must be a single value", "write a plain value, not a list or mapping");

    public string Text(YamlNode node, string what)
    {
        var value = Scalar(node, what);
        return value.Length > 0 ? value : throw Error(node, $"{what} must not be empty", "give it a value or remove the key");
    }

    public bool Bool(YamlNode node, string what) => Scalar(node, what) switch
    {
        "true" or "True" or "yes" => true,
        "false" or "False" or "no" => false,
        var other => throw Error(node, $"{what} must be true or false, not '{other}'", "write true or false"),
    };

    public long Integer(YamlNode node, string what, long min, long max) =>
        long.TryParse(Scalar(node, what), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(node, $"{what} must be a whole number from {min} to {max}", "write a number such as " + min);

    public double Number(YamlNode node, string what, double min, double max) =>
        double.TryParse(Scalar(node, what), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(node, $"{what} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}", "write a number such as 30 or 0.5");

    public TimeSpan Duration(YamlNode node, string what) =>
        Durations.TryParse(Scalar(node, what), out var value, out var error)
            ? value
            : throw Error(node, $"{what}: {error!.Message}", error.Hint ?? "write a duration like 10m");

    public long Size(YamlNode node, string what) =>
        ByteSizes.TryParse(Scalar(node, what), out var value, out var error)
            ? value
            : throw Error(node, $"{what}: {error!.Message}", error.Hint ?? "write a size like 64KiB");

    public IEnumerable<string> Strings(YamlNode node, string what) => Sequence(node, what).Select((item, i) => Scalar(item, $"{what}[{i}]"));

    /// <summary>Each key of a mapping, refusing keys not in <paramref name="known"/> (so typos are errors, not silently ignored).</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode mapping, string what, params string[] known)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Scalar(keyNode, $"a key of {what}");
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                throw Error(keyNode, $"unknown key '{key}' in {what}", "known keys: " + string.Join(", ", known));
            }

            yield return (key, value);
        }
    }
}
