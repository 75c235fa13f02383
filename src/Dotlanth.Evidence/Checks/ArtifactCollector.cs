using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Values;

namespace Dotlanth.Evidence.Checks;

/// <summary>
/// After the checks, copies declared artifacts into <c>artifacts/&lt;name&gt;/</c> (through the redactor, like every
/// byte) and writes artifacts.json with their lineage. A declared artifact that is absent is listed as missing;
/// paths that escape the repository, directly or through a symlink, are refused.
/// </summary>
internal static class ArtifactCollector
{
    /// <summary>Collects the artifacts; a folder that cannot be read is an error of the run, not a crash.</summary>
    public static void CollectOrRecord(BundleWriter bundle, RunOptions options, IReadOnlyList<CheckSummary> ran, string? repoRoot, RunErrors errors, IReadOnlyList<JsonObject>? fromProgram = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            Collect(bundle, options, ran, repoRoot, errors, DateTimeOffset.UtcNow, fromProgram);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new EvidenceError(Codes.ArtifactRefused, $"artifacts could not be collected: {ex.Message}", "check the artifact paths and permissions"));
        }
    }

    public static void Collect(BundleWriter bundle, RunOptions options, IReadOnlyList<CheckSummary> ran, string? repoRoot, RunErrors errors, DateTimeOffset now, IReadOnlyList<JsonObject>? fromProgram = null)
    {
        var config = options.Config;
        if ((config is null || config.Artifacts.IsEmpty) && fromProgram is not { Count: > 0 })
        {
            return;
        }

        var entries = new JsonArray([.. (fromProgram ?? []).Select(e => (JsonNode)e)]);
        if (config is null || config.Artifacts.IsEmpty)
        {
            bundle.WriteJson(BundleLayout.ArtifactsIndex, new JsonObject { [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion, ["artifacts"] = entries });
            return;
        }

        var baseDir = Path.GetDirectoryName(config.Path!)!;
        var boundary = Path.GetFullPath(repoRoot ?? baseDir);
        foreach (var artifact in config.Artifacts)
        {
            var files = new JsonArray();
            foreach (var source in Glob.Files(baseDir, artifact.Path))
            {
                var relative = Path.GetRelativePath(baseDir, source).Replace('\\', '/');
                if (!RealPaths.Inside(RealPaths.Of(source), boundary) || !RealPaths.Inside(Path.GetFullPath(source), boundary))
                {
                    errors.Add(new EvidenceError(Codes.ArtifactRefused, $"artifact '{artifact.Name}': {relative} resolves outside the repository and was not collected", "collect only files inside the repository", relative));
                    continue;
                }

                var target = TargetOf(artifact.Name, relative, bundle.Redactor);
                var (bytes, sha) = Copy(bundle, source, target);
                files.Add((JsonNode)new JsonObject { ["path"] = target, ["source"] = relative, ["bytes"] = bytes, ["sha256"] = sha });
            }

            if (files.Count == 0)
            {
                bundle.AddMissing($"artifacts/{artifact.Name}", Codes.ArtifactMissing, $"declared artifact '{artifact.Name}' ({artifact.Path}) matched no file inside the repository");
            }

            entries.Add((JsonNode)Entry(artifact, files, options, ran, now));
        }

        bundle.WriteJson(BundleLayout.ArtifactsIndex, new JsonObject { [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion, ["artifacts"] = entries });
    }

    private static JsonObject Entry(ArtifactDefinition artifact, JsonArray files, RunOptions options, IReadOnlyList<CheckSummary> ran, DateTimeOffset now)
    {
        var producers = artifact.ProducedBy.IsEmpty ? [.. options.Checks.Select(c => c.Name)] : artifact.ProducedBy;
        var statuses = producers.Select(name => (Name: name, Status: ran.Where(r => r.Name == name).MaxBy(r => r.Attempt)?.Status ?? "not_run")).ToList();
        var validation = files.Count == 0 ? "missing"
            : statuses.All(s => s.Status == CheckStatus.Passed) ? "passed"
            : statuses.Any(s => s.Status == "not_run") ? "not_run"
            : "failed";
        return new JsonObject
        {
            ["name"] = artifact.Name,
            ["type"] = artifact.Type,
            ["format"] = artifact.Format,
            ["declared_path"] = artifact.Path,
            ["files"] = files,
            ["spec"] = options.Config?.SpecId is { } id ? new JsonObject { ["id"] = id, ["version"] = options.Config.SpecVersion } : null,
            ["producer"] = new JsonObject
            {
                ["tool"] = ToolInfo.Name,
                ["tool_version"] = ToolInfo.Version,
                ["checks"] = new JsonArray([.. producers.Select(p => (JsonNode)JsonValue.Create(p))]),
                ["program_seq"] = null,
            },
            ["created_at"] = Timestamps.Format(now),
            ["validation"] = new JsonObject
            {
                [BundleFields.Status] = validation,
                ["checks"] = new JsonArray([.. statuses.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, [BundleFields.Status] = s.Status })]),
            },
        };
    }

    internal static (long Bytes, string Sha256) Copy(BundleWriter bundle, string source, string target)
    {
        var sink = new BudgetedFileSink(bundle.PathOf(target), long.MaxValue);
        using (sink)
        {
            var redacting = bundle.Redactor.Wrap(sink);
            using var input = File.OpenRead(source);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                redacting.Write(buffer.AsSpan(0, read));
            }

            redacting.Complete();
        }

        if (sink.Failure is { } failure)
        {
            throw new IOException($"{target} could not be written: {failure}");
        }

        return (sink.BytesTotal, sink.Sha256);
    }

    /// <summary>
    /// Where an artifact file is kept: <c>artifacts/&lt;name&gt;/&lt;path&gt;</c>, with a name or path that holds a secret
    /// replaced by its mask's tag, so the file on disk and its record agree and neither shows the secret.
    /// </summary>
    public static string TargetOf(string name, string relative, Redaction.IRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(relative);
        ArgumentNullException.ThrowIfNull(redactor);
        var stored = relative.Replace("../", "up/", StringComparison.Ordinal);
        var path = redactor.Redact(stored) == stored ? stored : CheckNames.WithoutSecrets(stored, redactor.Redact);
        return $"artifacts/{CheckNames.WithoutSecrets(name, redactor.Redact)}/{path}";
    }
}
