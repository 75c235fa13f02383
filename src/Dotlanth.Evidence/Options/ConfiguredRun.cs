using System.Collections.Immutable;
using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Options;

/// <summary>
/// RunOptions for <c>run</c> without a command: the checks of evidence.yml, with what the front end was told
/// explicitly (store, limits, redaction rules) taking precedence. Problems become input errors, so the run still
/// seals a bundle that says what was wrong.
/// </summary>
public static class ConfiguredRun
{
    public static RunOptions Resolve(RunOptions explicitOptions, string? configPath, IReadOnlyCollection<string> selectedChecks, ExplicitSettings given)
    {
        ArgumentNullException.ThrowIfNull(explicitOptions);
        ArgumentNullException.ThrowIfNull(selectedChecks);
        ArgumentNullException.ThrowIfNull(given);
        var path = configPath is null ? ConfigLocator.Find(explicitOptions.WorkingDirectory) : Path.GetFullPath(configPath, explicitOptions.WorkingDirectory);
        if (path is null)
        {
            return Reject(explicitOptions, new EvidenceError(
                Codes.ConfigNotFound,
                $"no {ConfigLoader.FileName} in {explicitOptions.WorkingDirectory} or above it (up to the repository root)",
                "run 'dotnet evidence init' to create one, pass --config, or give a command after --"));
        }

        EvidenceConfig config;
        try
        {
            config = ConfigLoader.Load(path);
        }
        catch (ConfigException ex)
        {
            return Reject(explicitOptions, ex.Error);
        }

        var unknown = selectedChecks.Where(name => config.Checks.All(c => c.Name != name)).ToList();
        if (unknown.Count > 0)
        {
            return Reject(explicitOptions with { Config = config }, new EvidenceError(
                Codes.CheckNotConfigured,
                $"--check {string.Join(", ", unknown)}: no such check in {Path.GetFileName(path)}",
                "configured checks: " + string.Join(", ", config.Checks.Select(c => c.Name))));
        }

        var checks = selectedChecks.Count == 0 ? config.Checks : [.. config.Checks.Where(c => selectedChecks.Contains(c.Name))];
        var configDir = Path.GetDirectoryName(path)!;
        return explicitOptions with
        {
            Config = config,
            Checks = checks,
            StoreRoot = explicitOptions.StoreRoot ?? (config.StoreRoot is { } store ? Path.GetFullPath(store, configDir) : null),
            PushTo = explicitOptions.PushTo ?? config.RemoteStore,
            MaxOutputBytes = given.MaxOutputBytes ? explicitOptions.MaxOutputBytes : config.MaxOutputBytes ?? explicitOptions.MaxOutputBytes,
            KillGrace = given.KillGrace ? explicitOptions.KillGrace : config.KillGrace ?? explicitOptions.KillGrace,
            DiffBudgetBytes = given.DiffBudgetBytes ? explicitOptions.DiffBudgetBytes : config.DiffBudgetBytes ?? explicitOptions.DiffBudgetBytes,
            DiffBase = explicitOptions.DiffBase ?? config.DiffBase,
            MaxSteps = config.MaxSteps ?? explicitOptions.MaxSteps,
            MaxDuration = config.MaxDuration ?? explicitOptions.MaxDuration,
            Redaction = Merge(config.Redaction, explicitOptions.Redaction),
        };
    }

    /// <summary>
    /// For <c>exec</c>: evidence.yml, when one is found (or given), supplies budgets, store, capture limits, redaction
    /// rules and capabilities; its checks are not run. A broken file is an input error.
    /// </summary>
    public static RunOptions ForProgram(RunOptions options, string? configPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = configPath is null ? ConfigLocator.Find(options.WorkingDirectory) : Path.GetFullPath(configPath, options.WorkingDirectory);
        if (path is null)
        {
            return options;
        }

        try
        {
            var config = ConfigLoader.Load(path);
            return options with
            {
                Config = config with { Checks = [] },
                StoreRoot = options.StoreRoot ?? (config.StoreRoot is { } store ? Path.GetFullPath(store, Path.GetDirectoryName(path)!) : null),
                PushTo = options.PushTo ?? config.RemoteStore,
                MaxSteps = config.MaxSteps ?? options.MaxSteps,
                MaxDuration = config.MaxDuration ?? options.MaxDuration,
                MaxOutputBytes = config.MaxOutputBytes ?? options.MaxOutputBytes,
                KillGrace = config.KillGrace ?? options.KillGrace,
                Redaction = Merge(config.Redaction, options.Redaction),
                Capabilities = options.Capabilities.AddRange(config.Capabilities),
            };
        }
        catch (ConfigException ex)
        {
            return Reject(options, ex.Error);
        }
    }

    /// <summary>
    /// For an agent session (<c>mcp</c>): as for <c>exec</c>, and the checks evidence.yml declares are kept, for the agent
    /// to run by name; each one's command line is allowed, as <c>run</c> allows the checks it was built from.
    /// </summary>
    public static RunOptions ForSession(RunOptions options, string? configPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resolved = ForProgram(options, configPath);
        if (!resolved.InputErrors.IsEmpty || resolved.Config?.Path is not { } path)
        {
            return resolved;
        }

        var checks = ConfigLoader.Load(path).Checks;
        var allowed = checks
            .Select(c => Vm.CapabilityPattern.Escape(string.Join(' ', c.Argv)))
            .Distinct(StringComparer.Ordinal)
            .Select(argv => new Vm.Capability(Vm.SyscallTable.ProcExec.Name, argv, "config"));
        return resolved with { Checks = checks, Capabilities = resolved.Capabilities.AddRange(allowed) };
    }

    private static RunOptions Reject(RunOptions options, EvidenceError error) => options with { InputErrors = options.InputErrors.Add(error) };

    internal static RedactionOptions Merge(RedactionOptions config, RedactionOptions given) => new()
    {
        Patterns = config.Patterns.AddRange(given.Patterns),
        SensitiveNames = config.SensitiveNames.AddRange(given.SensitiveNames),
        Allowlist = config.Allowlist.AddRange(given.Allowlist),
        EnvAllow = config.EnvAllow.AddRange(given.EnvAllow),
        KnownValues = config.KnownValues.AddRange(given.KnownValues),
    };
}
