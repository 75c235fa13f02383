using System.Diagnostics;
using Dotlanth.Evidence.Config;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Config;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void A_full_configuration_loads_with_every_value()
    {
        using var folder = new TempFolder();
        var path = folder.Write("evidence.yml", """
            version: 1
            spec: {id: checkout, version: "2.1"}
            store: out/evidence
            capture:
              max_output: 1MiB
              kill_grace: 2s
            diff:
              max_bytes: 2MiB
            budgets:
              max_steps: 5000
              max_minutes: 30
            redaction:
              patterns: ['ACME-[0-9]{12}']
              sensitive_names: [signature]
              allowlist: [AKIAIOSFODNN7EXAMPLE]
            checks:
              - name: unit
                run: [dotnet, test, --no-build]
                timeout: 10m
                accepted_exit_codes: [0, 5]
                cwd: tests
                env: {CI: "true"}
              - name: lint
                run: "npm run lint && npm run format:check"
                shell: true
                required: false
            """);

        var config = ConfigLoader.Load(path);

        Assert.Equal(("checkout", "2.1"), (config.SpecId, config.SpecVersion));
        Assert.Equal("out/evidence", config.StoreRoot);
        Assert.Equal(1L << 20, config.MaxOutputBytes);
        Assert.Equal(TimeSpan.FromSeconds(2), config.KillGrace);
        Assert.Equal(2L << 20, config.DiffBudgetBytes);
        Assert.Equal(5000, config.MaxSteps);
        Assert.Equal(TimeSpan.FromMinutes(30), config.MaxDuration);
        Assert.Equal("ACME-[0-9]{12}", Assert.Single(config.Redaction.Patterns));
        var unit = config.Checks[0];
        Assert.Equal(["dotnet", "test", "--no-build"], unit.Argv.ToArray());
        Assert.Equal(TimeSpan.FromMinutes(10), unit.Timeout);
        Assert.Equal([0, 5], unit.AcceptedExitCodes.ToArray());
        Assert.Equal("tests", unit.WorkingDirectory);
        Assert.Equal("true", unit.Environment["CI"]);
        Assert.Equal(["sh", "-c", "npm run lint && npm run format:check"], config.Checks[1].Argv.ToArray());
        Assert.False(config.Checks[1].Required);
    }

    [Theory]
    [InlineData("version: 1\nchecks:\n  - name: unit\n    run: [pytest]\n    retries: 3\n", 5, 5, "unknown key 'retries' in a check")]
    [InlineData("version: 1\ncheks:\n  - name: unit\n", 2, 1, "unknown key 'cheks' in the configuration")]
    [InlineData("version: 1\nchecks:\n  - name: unit\n    run: [pytest]\n    timeout: soon\n", 5, 14, "timeout: 'soon' is not a duration")]
    [InlineData("version: 1\nchecks:\n  - name: unit\n    run: [pytest]\n    required: maybe\n", 5, 15, "required must be true or false, not 'maybe'")]
    [InlineData("version: 1\nchecks:\n  - name: unit\n    run: [pytest]\n    accepted_exit_codes: [0, 300]\n", 5, 30, "accepted_exit_codes[1] must be a whole number from 0 to 255")]
    [InlineData("version: 1\nchecks:\n  - name: unit\n    run: pytest -q\n", 4, 10, "run is a command line but shell is not true for check 'unit'")]
    [InlineData("version: 1\nchecks:\n  - name: ../x\n    run: [pytest]\n", 3, 11, "'../x' is not a valid check name")]
    [InlineData("version: 1\nchecks:\n  - name: a\n    run: [x]\n  - name: a\n    run: [y]\n", 5, 5, "check 'a' is declared twice")]
    [InlineData("version: 2\n", 1, 10, "version must be a whole number from 1 to 1")]
    [InlineData("version: 1\nchecks: {unit: pytest}\n", 2, 9, "checks must be a list")]
    [InlineData("version: 1\nchecks:\n  - name: unit\n", 3, 5, "check 'unit' has no run")]
    [InlineData("version: 1\nchecks: [\n", 3, 1, "not valid YAML")]
    public void Mistakes_are_errors_with_file_line_and_column(string yaml, int line, int column, string message)
    {
        using var folder = new TempFolder();
        var path = folder.Write("evidence.yml", yaml);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Error;

        Assert.Equal("EVD0005", error.Code);
        Assert.StartsWith($"evidence.yml:{line}:{column}: {message}", error.Message, StringComparison.Ordinal);
        Assert.Equal($"{path}:{line}:{column}", error.Where);
        Assert.False(string.IsNullOrEmpty(error.Hint));
    }

    [Fact]
    public void Billion_laughs_is_refused_at_the_first_anchor_quickly()
    {
        using var folder = new TempFolder();
        var lines = new List<string> { "version: 1", "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var i = 1; i < 9; i++)
        {
            var prev = (char)('a' + i - 1);
            lines.Add($"{(char)('a' + i)}: &{(char)('a' + i)} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]");
        }

        var path = folder.Write("evidence.yml", string.Join('\n', lines) + "\n");
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path)).Error;

        Assert.StartsWith("evidence.yml:2:4: anchors (&a) are not allowed", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_configuration_is_found_by_walking_up_but_not_past_the_repository_root()
    {
        using var repo = TempRepo.Create();
        repo.Write("evidence.yml", "version: 1\n");
        Directory.CreateDirectory(repo.Combine("src", "deep"));

        Assert.Equal(repo.Combine("evidence.yml"), ConfigLocator.Find(repo.Combine("src", "deep")));

        using var outer = new TempFolder();
        outer.Write("evidence.yml", "version: 1\n");
        Processes.Git(outer.Path, "init", "-q", "inner");
        Assert.Null(ConfigLocator.Find(outer.Combine("inner")));
    }
}
