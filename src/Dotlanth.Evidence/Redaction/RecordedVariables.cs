namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Which environment variables <c>env.json</c> records with their values: only those known to be safe and useful (CI
/// facts, toolchain locations and versions, locale, paths, the shell's basics) and those the user allows; never one with
/// a sensitive name. Every other variable is recorded by name only, because a name can hide a secret the sensitive-name
/// list does not know (<c>DATABASE_URL_X</c>, <c>KUBE_CONFIG</c>, <c>SONAR_LOGIN</c>, <c>ENCRYPTION_SALT</c>).
/// </summary>
public static class RecordedVariables
{
    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal)
    {
        "CI", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "COLORTERM", "LANG", "LANGUAGE", "TZ", "PWD", "HOSTNAME", "PATH",
        "TMPDIR", "TEMP", "TMP", "SHLVL", "COLUMNS", "LINES", "EDITOR", "PAGER", "VIRTUAL_ENV", "NODE_ENV", "GOOS", "GOARCH",
        "CONFIGURATION", "NUGET_PACKAGES", "DOTNET_NOLOGO", "DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE",
        "DOTNET_MULTILEVEL_LOOKUP", "DOTNET_ROLL_FORWARD", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PIP_NO_CACHE_DIR",
        "DEBIAN_FRONTEND", "RUNNER_OS", "RUNNER_ARCH", "ImageOS", "ImageVersion",
    };

    private static readonly string[] Prefixes =
    [
        "LC_", "XDG_", "GITHUB_", "RUNNER_", "CI_", "GITLAB_", "BUILDKITE_", "CIRCLE_", "TRAVIS_", "JENKINS_", "BUILD_",
        "SYSTEM_", "AGENT_", "TEAMCITY_", "BITBUCKET_", "DRONE_", "APPVEYOR_", "DOTNET_", "MSBUILD", "EVIDENCE_",
    ];

    private static readonly string[] Suffixes = ["_VERSION", "_HOME", "_ROOT", "_DIR", "PATH"];

    public static bool RecordsValueOf(string name, IEnumerable<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(allowed);
        return Exact.Contains(name)
            || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))
            || Suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal) && name.Length > s.Length)
            || allowed.Any(a => a.EndsWith('*') ? name.StartsWith(a[..^1], StringComparison.Ordinal) : name == a);
    }
}
