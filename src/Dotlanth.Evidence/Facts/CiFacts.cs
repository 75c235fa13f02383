using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Facts;

/// <summary>Which CI system a run is on and its identifiers, from the variables each system documents.</summary>
public static class CiFacts
{
    private static readonly (string Field, string Variable)[] GitHub =
    [
        ("repository", "GITHUB_REPOSITORY"), ("run_id", "GITHUB_RUN_ID"), ("run_attempt", "GITHUB_RUN_ATTEMPT"),
        ("run_number", "GITHUB_RUN_NUMBER"), ("workflow", "GITHUB_WORKFLOW"), ("job", "GITHUB_JOB"),
        ("ref", "GITHUB_REF"), ("sha", "GITHUB_SHA"), ("event_name", "GITHUB_EVENT_NAME"), ("actor", "GITHUB_ACTOR"),
        ("head_ref", "GITHUB_HEAD_REF"), ("base_ref", "GITHUB_BASE_REF"), ("server_url", "GITHUB_SERVER_URL"),
        ("runner_os", "RUNNER_OS"), ("runner_arch", "RUNNER_ARCH"), ("runner_name", "RUNNER_NAME"),
    ];

    public static JsonObject? Detect(IReadOnlyDictionary<string, string> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (Is(env, "GITHUB_ACTIONS"))
        {
            var facts = new JsonObject { ["provider"] = "github-actions" };
            foreach (var (field, variable) in GitHub)
            {
                if (env.TryGetValue(variable, out var value) && value.Length > 0)
                {
                    facts[field] = value;
                }
            }

            if (env.TryGetValue("GITHUB_SERVER_URL", out var server) && env.TryGetValue("GITHUB_REPOSITORY", out var repo)
                && env.TryGetValue("GITHUB_RUN_ID", out var run))
            {
                facts["run_url"] = $"{server}/{repo}/actions/runs/{run}";
            }

            return facts;
        }

        var provider = Is(env, "GITLAB_CI") ? "gitlab-ci"
            : Is(env, "BUILDKITE") ? "buildkite"
            : Is(env, "CIRCLECI") ? "circleci"
            : env.ContainsKey("TF_BUILD") ? "azure-pipelines"
            : env.ContainsKey("JENKINS_URL") ? "jenkins"
            : Is(env, "CI") ? "generic"
            : null;
        return provider is null ? null : new JsonObject { ["provider"] = provider };
    }

    private static bool Is(IReadOnlyDictionary<string, string> env, string name) =>
        env.TryGetValue(name, out var value) && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
