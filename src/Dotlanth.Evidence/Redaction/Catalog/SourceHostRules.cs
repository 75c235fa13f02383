using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Redaction.Catalog;

public static partial class BuiltInRules
{
    private static IEnumerable<SecretRule> SourceHosts() =>
    [
        new("github-pat", ["ghp_"], GitHubPat),
        new("github-fine-grained-pat", ["github_pat_"], GitHubFineGrainedPat),
        new("github-oauth-token", ["gho_"], GitHubOAuth),
        new("github-app-token", ["ghu_", "ghs_"], GitHubAppToken),
        new("github-refresh-token", ["ghr_"], GitHubRefreshToken),
        new("gitlab-pat", ["glpat-"], GitLabPat),
        new("gitlab-token", ["glptt-", "gldt-", "glrt-", "glcbt-", "gloas-", "glft-", "glimt-", "glsoat-", "glagent-", "glwt-"], GitLabToken),
        new("gitlab-runner-registration-token", ["GR1348941"], GitLabRunnerRegistration),
        new("bitbucket-app-password", ["ATBB"], BitbucketAppPassword),
        new("atlassian-api-token", ["ATATT3"], AtlassianApiToken),
    ];

    [GeneratedRegex(@"ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex GitHubPat();

    [GeneratedRegex(@"github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])", Options, MatchTimeoutMs)]
    private static partial Regex GitHubFineGrainedPat();

    [GeneratedRegex(@"gho_[A-Za-z0-9]{36}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex GitHubOAuth();

    [GeneratedRegex(@"gh[us]_[A-Za-z0-9]{36}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex GitHubAppToken();

    [GeneratedRegex(@"ghr_[A-Za-z0-9]{36,76}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex GitHubRefreshToken();

    [GeneratedRegex(@"glpat-[A-Za-z0-9_\-]{20,64}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex GitLabPat();

    [GeneratedRegex(@"gl(?:ptt|dt|rt|cbt|oas|ft|imt|soat|agent|wt)-[A-Za-z0-9_\-]{20,64}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"GR1348941[A-Za-z0-9_\-]{20,64}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex GitLabRunnerRegistration();

    [GeneratedRegex(@"ATBB[A-Za-z0-9_=.\-]{28,64}(?![A-Za-z0-9_=.\-])", Options, MatchTimeoutMs)]
    private static partial Regex BitbucketAppPassword();

    [GeneratedRegex(@"ATATT3[A-Za-z0-9_\-=]{60,250}(?![A-Za-z0-9_\-=])", Options, MatchTimeoutMs)]
    private static partial Regex AtlassianApiToken();
}
