using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Redaction.Catalog;

public static partial class BuiltInRules
{
    private static IEnumerable<SecretRule> Registries() =>
    [
        new("npm-token", ["npm_"], NpmToken),
        new("npmrc-auth", [":_auth", ":_password", "_auth=", "_authToken=", "_password="], NpmrcAuth, IsGeneric: true) { NotAfter = Alnum + "_ \t" },
        new("nuget-api-key", ["oy2"], NuGetApiKey) { NotAfter = Alnum },
        new("pypi-token", ["pypi-AgE"], PyPiToken),
        new("dockerhub-pat", ["dckr_pat_", "dckr_oat_"], DockerHubPat),
        new("docker-config-auth", ["\"auth"], DockerConfigAuth, IsGeneric: true),
        new("rubygems-api-key", ["rubygems_"], RubyGemsApiKey),
        new("terraform-cloud-token", ["atlasv1"], TerraformCloudToken),
        new("pulumi-access-token", ["pul-"], PulumiAccessToken) { NotAfter = Alnum },
    ];

    [GeneratedRegex(@"npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex NpmToken();

    [GeneratedRegex(@"(?:_authToken|_auth|_password)=[""']?(?<secret>[^\s""']{6,512})", Options, MatchTimeoutMs)]
    private static partial Regex NpmrcAuth();

    [GeneratedRegex(@"oy2[a-z0-9]{43}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex NuGetApiKey();

    [GeneratedRegex(@"pypi-AgE[A-Za-z0-9_\-]{60,400}", Options, MatchTimeoutMs)]
    private static partial Regex PyPiToken();

    [GeneratedRegex(@"dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,64}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex DockerHubPat();

    [GeneratedRegex(@"\\{0,3}""auth\\{0,3}""[ \t]{0,5}:[ \t]{0,5}\\{0,3}""(?<secret>[A-Za-z0-9+/]{8,1024}={0,2})\\{0,3}""", Options, MatchTimeoutMs)]
    private static partial Regex DockerConfigAuth();

    [GeneratedRegex(@"rubygems_[a-f0-9]{48}(?![a-f0-9])", Options, MatchTimeoutMs)]
    private static partial Regex RubyGemsApiKey();

    [GeneratedRegex(@"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9\-_=]{60,70}", Options, MatchTimeoutMs)]
    private static partial Regex TerraformCloudToken();

    [GeneratedRegex(@"pul-[a-f0-9]{40}(?![a-f0-9])", Options, MatchTimeoutMs)]
    private static partial Regex PulumiAccessToken();
}
