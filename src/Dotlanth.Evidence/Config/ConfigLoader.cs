using System.Collections.Immutable;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction;
using YamlDotNet.Core.Events;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dotlanth.Evidence.Config;

/// <summary>
/// Reads evidence.yml strictly: unknown keys, wrong types and bad values are errors naming file, line and column.
/// Anchors and aliases are refused before the document is built, so no alias expansion can blow up memory.
/// </summary>
public static class ConfigLoader
{
    public const string FileName = "evidence.yml";
    public const long MaxFileBytes = 1024 * 1024;
    public const int MaxDepth = 64;

    public static EvidenceConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (!info.Exists)
        {
            throw new ConfigException(new EvidenceError(Codes.ConfigNotFound, $"configuration file {path} does not exist", "check the --config path"));
        }

        if (info.Length > MaxFileBytes)
        {
            throw new ConfigException(new EvidenceError(Codes.ConfigInvalid, $"{path} is {info.Length} bytes; configurations are limited to 1 MiB", "keep evidence.yml small"));
        }

        var text = File.ReadAllText(full);
        var reader = new YamlReader(full);
        RefuseAliases(text, reader);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw reader.Error(ex.Start, $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}", "fix the YAML syntax at that position");
        }

        if (stream.Documents.Count != 1)
        {
            throw new ConfigException(new EvidenceError(Codes.ConfigInvalid, $"{Path.GetFileName(full)} must hold exactly one YAML document", "remove the extra '---' documents"));
        }

        return Read(reader.Mapping(stream.Documents[0].RootNode, "the configuration"), reader, full);
    }

    private static void RefuseAliases(string text, YamlReader reader)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                // Building nodes recurses once per level: a deep nest would overflow the stack and kill the process.
                depth += parser.Current is SequenceStart or MappingStart ? 1 : parser.Current is SequenceEnd or MappingEnd ? -1 : 0;
                if (depth > MaxDepth)
                {
                    throw reader.Error(parser.Current!.Start, $"values nest more than {MaxDepth} levels deep", "flatten the configuration");
                }

                if (parser.Current is AnchorAlias alias)
                {
                    throw reader.Error(alias.Start, $"aliases (*{alias.Value}) are not allowed", "write the value out instead of referring to an anchor");
                }

                if (parser.Current is NodeEvent { Anchor.IsEmpty: false } node)
                {
                    throw reader.Error(node.Start, $"anchors (&{node.Anchor}) are not allowed", "write values out instead of anchoring them");
                }
            }
        }
        catch (YamlException ex)
        {
            throw reader.Error(ex.Start, $"not valid YAML: {ex.Message}", "fix the YAML syntax at that position");
        }
    }

    /// <summary>A folder is where bundles are written; an s3:// store is where each sealed bundle is pushed.</summary>
    private static EvidenceConfig ReadStore(EvidenceConfig config, YamlNode value, YamlReader reader)
    {
        var text = reader.Text(value, "store");
        if (!Stores.StoreUri.LooksRemote(text))
        {
            return config with { StoreRoot = text };
        }

        try
        {
            Stores.StoreUri.Parse(text, Path.GetDirectoryName(config.Path) ?? ".");
        }
        catch (EvidenceException invalid)
        {
            throw reader.Error(value.Start, "store: " + invalid.Error.Message, invalid.Error.Hint ?? "write it as s3://bucket/prefix");
        }

        return config with { RemoteStore = text };
    }

    private static EvidenceConfig Read(YamlMappingNode root, YamlReader reader, string path)
    {
        var config = new EvidenceConfig { Path = path };
        foreach (var (key, value) in reader.Entries(root, "the configuration", "version", "spec", "store", "capture", "diff", "budgets", "redaction", "checks", "artifacts", "capabilities"))
        {
            config = key switch
            {
                "version" => reader.Integer(value, "version", 1, 1) == 1 ? config : config,
                "spec" => ReadSpec(config, reader.Mapping(value, "spec"), reader),
                "store" => ReadStore(config, value, reader),
                "capture" => ReadCapture(config, reader.Mapping(value, "capture"), reader),
                "diff" => ReadDiff(config, reader.Mapping(value, "diff"), reader),
                "budgets" => ReadBudgets(config, reader.Mapping(value, "budgets"), reader),
                "redaction" => config with { Redaction = ReadRedaction(reader.Mapping(value, "redaction"), reader) },
                "checks" => config with { Checks = ReadChecks(reader.Sequence(value, "checks"), reader) },
                "capabilities" => config with { Capabilities = ReadCapabilities(reader.Mapping(value, "capabilities"), reader) },
                _ => config,
            };
        }

        // Artifacts name their producing checks, so they are read once every check is known.
        var artifacts = root.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "artifacts" }).Value;
        return artifacts is null ? config : config with { Artifacts = ReadArtifacts(reader.Sequence(artifacts, "artifacts"), reader, [.. config.Checks.Select(c => c.Name)]) };
    }

    private static EvidenceConfig ReadSpec(EvidenceConfig config, YamlMappingNode spec, YamlReader reader)
    {
        foreach (var (key, value) in reader.Entries(spec, "spec", "id", "version"))
        {
            config = key == "id" ? config with { SpecId = reader.Text(value, "spec.id") } : config with { SpecVersion = reader.Text(value, "spec.version") };
        }

        return config;
    }

    private static EvidenceConfig ReadCapture(EvidenceConfig config, YamlMappingNode capture, YamlReader reader)
    {
        foreach (var (key, value) in reader.Entries(capture, "capture", "max_output", "kill_grace"))
        {
            config = key == "max_output"
                ? config with { MaxOutputBytes = reader.Size(value, "capture.max_output") }
                : config with { KillGrace = reader.Duration(value, "capture.kill_grace") };
        }

        return config;
    }

    private static EvidenceConfig ReadDiff(EvidenceConfig config, YamlMappingNode diff, YamlReader reader)
    {
        foreach (var (key, value) in reader.Entries(diff, "diff", "max_bytes", "base"))
        {
            config = key == "max_bytes"
                ? config with { DiffBudgetBytes = reader.Size(value, "diff.max_bytes") }
                : config with { DiffBase = reader.Text(value, "diff.base") };
        }

        return config;
    }

    private static EvidenceConfig ReadBudgets(EvidenceConfig config, YamlMappingNode budgets, YamlReader reader)
    {
        foreach (var (key, value) in reader.Entries(budgets, "budgets", "max_steps", "max_minutes"))
        {
            config = key == "max_steps"
                ? config with { MaxSteps = reader.Integer(value, "budgets.max_steps", 1, long.MaxValue) }
                : config with { MaxDuration = TimeSpan.FromMinutes(reader.Number(value, "budgets.max_minutes", 0.001, 7 * 24 * 60)) };
        }

        return config;
    }

    /// <summary><c>capabilities: {proc.exec: ["pytest *"], fs.write: ["out/**"]}</c>, checked like .cap lines.</summary>
    private static ImmutableArray<Vm.Capability> ReadCapabilities(YamlMappingNode capabilities, YamlReader reader)
    {
        var result = ImmutableArray.CreateBuilder<Vm.Capability>();
        string[] guarded = [.. Vm.SyscallTable.Guarded.Select(s => s.Name)];
        foreach (var (syscall, value) in reader.Entries(capabilities, "capabilities", guarded))
        {
            foreach (var (pattern, i) in reader.Strings(value, $"capabilities.{syscall}").Select((p, i) => (p, i)))
            {
                if (Vm.CapabilityPattern.Problem(syscall, pattern) is { } problem)
                {
                    throw reader.Error(reader.Sequence(value, $"capabilities.{syscall}")[i], $"capabilities.{syscall}[{i}]: {problem}", "write a glob such as \"pytest *\" or \"out/**\"");
                }

                result.Add(new Vm.Capability(syscall, pattern, "config"));
            }
        }

        return result.ToImmutable();
    }

    private static RedactionOptions ReadRedaction(YamlMappingNode redaction, YamlReader reader)
    {
        var options = RedactionOptions.Default;
        foreach (var (key, value) in reader.Entries(redaction, "redaction", "patterns", "sensitive_names", "allowlist", "env_allow"))
        {
            var items = reader.Strings(value, "redaction." + key).ToImmutableArray();
            options = key switch
            {
                "patterns" => options with { Patterns = items },
                "sensitive_names" => options with { SensitiveNames = items },
                "env_allow" => options with { EnvAllow = items },
                _ => options with { Allowlist = items },
            };
        }

        return options;
    }

    private static ImmutableArray<ArtifactDefinition> ReadArtifacts(YamlSequenceNode artifacts, YamlReader reader, IReadOnlyCollection<string> checkNames) =>
        ReadNamed(artifacts, reader, "artifact", node => ArtifactReader.Read(reader.Mapping(node, "an artifact"), reader, checkNames), a => a.Name);

    private static ImmutableArray<CheckDefinition> ReadChecks(YamlSequenceNode checks, YamlReader reader)
    {
        var result = ReadNamed(checks, reader, "check", node => CheckReader.Read(reader.Mapping(node, "a check"), reader), c => c.Name);
        return result.IsEmpty ? throw reader.Error(checks, "checks is empty", "declare at least one check, or remove the key") : result;
    }

    /// <summary>A list of named entries; a name used twice is an error at the second one.</summary>
    private static ImmutableArray<T> ReadNamed<T>(YamlSequenceNode items, YamlReader reader, string what, Func<YamlNode, T> read, Func<T, string> nameOf)
    {
        var result = ImmutableArray.CreateBuilder<T>();
        foreach (var node in items)
        {
            var item = read(node);
            if (result.Any(existing => nameOf(existing) == nameOf(item)))
            {
                throw reader.Error(node, $"{what} '{nameOf(item)}' is declared twice", $"give every {what} its own name");
            }

            result.Add(item);
        }

        return result.ToImmutable();
    }
}
