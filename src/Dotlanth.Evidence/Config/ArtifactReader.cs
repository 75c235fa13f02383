using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace Dotlanth.Evidence.Config;

/// <summary>One entry of <c>artifacts:</c>.</summary>
internal static class ArtifactReader
{
    public static ArtifactDefinition Read(YamlMappingNode node, YamlReader reader, IReadOnlyCollection<string> checkNames)
    {
        string? name = null, type = null, format = null, path = null;
        var producers = ImmutableArray<string>.Empty;
        foreach (var (key, value) in reader.Entries(node, "an artifact", "name", "type", "format", "path", "produced_by"))
        {
            switch (key)
            {
                case "name":
                    name = reader.Text(value, "name");
                    if (Values.CheckNames.Validate(name) is { } invalid)
                    {
                        throw reader.Error(value, invalid.Message.Replace("check name", "artifact name", StringComparison.Ordinal), invalid.Hint ?? string.Empty);
                    }

                    break;
                case "type":
                    type = reader.Text(value, "type");
                    if (!ArtifactDefinition.Types.Contains(type))
                    {
                        throw reader.Error(value, $"artifact type '{type}' is not one of {string.Join(", ", ArtifactDefinition.Types)}", "pick the closest type");
                    }

                    break;
                case "format":
                    format = reader.Text(value, "format");
                    break;
                case "path":
                    path = reader.Text(value, "path");
                    break;
                default:
                    producers = [.. reader.Strings(value, "produced_by")];
                    var unknown = producers.FirstOrDefault(p => !checkNames.Contains(p));
                    if (unknown is not null)
                    {
                        throw reader.Error(value, $"produced_by names '{unknown}', which is not a check", "use the name of a check declared under checks");
                    }

                    break;
            }
        }

        return new ArtifactDefinition
        {
            Name = name ?? throw reader.Error(node, "an artifact needs a name", "add name: <letters, digits, . - _>"),
            Type = type ?? throw reader.Error(node, $"artifact '{name}' needs a type", "add type: " + string.Join(" | ", ArtifactDefinition.Types)),
            Path = path ?? throw reader.Error(node, $"artifact '{name}' needs a path", "add path: a file or a glob such as reports/**/*.xml"),
            Format = format,
            ProducedBy = producers,
        };
    }
}
