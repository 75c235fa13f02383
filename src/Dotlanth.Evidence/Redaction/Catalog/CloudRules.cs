using System.Text.RegularExpressions;

namespace Dotlanth.Evidence.Redaction.Catalog;

public static partial class BuiltInRules
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string AlnumAndTildeDot = Alnum + "_~.";

    private static IEnumerable<SecretRule> Cloud() =>
    [
        new("aws-access-key-id", ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"], AwsAccessKeyId) { NotAfter = Alnum },
        new("aws-secret-access-key", ["aws", "secret_access_key", "secretaccesskey"], AwsSecretAccessKey) { AnchoredAtKeywords = true },
        new("aws-session-token", ["session_token", "security-token", "sessiontoken"], AwsSessionToken) { AnchoredAtKeywords = true },
        new("google-api-key", ["AIza"], GoogleApiKey),
        new("gcp-oauth-client-secret", ["GOCSPX-"], GcpOAuthClientSecret),
        new("gcp-service-account-key-id", ["private_key_id"], GcpServiceAccountKeyId) { AnchoredAtKeywords = true },
        new("azure-storage-account-key", ["AccountKey"], AzureStorageAccountKey) { AnchoredAtKeywords = true },
        new("azure-shared-access-key", ["SharedAccessKey"], AzureSharedAccessKey) { AnchoredAtKeywords = true },
        new("azure-sas-signature", ["sig="], AzureSasSignature),
        new("azure-ad-client-secret", ["Q~"], AzureAdClientSecret) { LeadInMax = 4, LeadInChars = AlnumAndTildeDot },
        new("azure-devops-pat", ["devops", "vsts", "accesstoken", "azdo", "ado_pat", "ado-pat"], AzureDevOpsPat) { AnchoredAtKeywords = true },
        new("azure-devops-pat", ["AZDO"], AzureDevOpsPatV2) { LeadInMax = 76, LeadInChars = Alnum },
    ];

    [GeneratedRegex(@"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"\G(?i:aws|secret_?access_?key)[A-Za-z0-9_.\-]{0,30}[""'\]]?[ \t]{0,5}(?::=|=>|=|:|,)[ \t]{0,5}[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])", Options)]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex(@"\G(?i:session_?token|security-token)[""'\]]?[ \t]{0,5}(?::=|=>|=|:)[ \t]{0,5}[""']?(?<secret>[A-Za-z0-9/+=]{100,2048})", Options)]
    private static partial Regex AwsSessionToken();

    [GeneratedRegex(@"AIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])", Options, MatchTimeoutMs)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"GOCSPX-[A-Za-z0-9_\-]{28}(?![A-Za-z0-9_\-])", Options, MatchTimeoutMs)]
    private static partial Regex GcpOAuthClientSecret();

    [GeneratedRegex(@"\Gprivate_key_id\\{0,3}[""'][ \t]{0,5}:[ \t]{0,5}\\{0,3}[""'](?<secret>[a-f0-9]{40})", Options)]
    private static partial Regex GcpServiceAccountKeyId();

    [GeneratedRegex(@"\G(?i:AccountKey)[ \t]{0,3}=[ \t]{0,3}(?<secret>[A-Za-z0-9+/]{86}==)", Options)]
    private static partial Regex AzureStorageAccountKey();

    [GeneratedRegex(@"\G(?i:SharedAccessKey)[ \t]{0,3}=[ \t]{0,3}(?<secret>[A-Za-z0-9+/]{42,44}=?)", Options)]
    private static partial Regex AzureSharedAccessKey();

    [GeneratedRegex(@"(?i:[?&]sig=)(?<secret>[A-Za-z0-9%+/]{30,200}(?:%3D|=){0,2})", Options, MatchTimeoutMs)]
    private static partial Regex AzureSasSignature();

    [GeneratedRegex(@"(?<=(?<![A-Za-z0-9_~.\-])[A-Za-z0-9_~.]{3}\d)Q~[A-Za-z0-9_~.\-]{31,34}(?![A-Za-z0-9_~.\-])", Options, MatchTimeoutMs)]
    private static partial Regex AzureAdClientSecret();

    [GeneratedRegex(@"\G(?i:devops|vsts|accesstoken|azdo|ado[_\-]pat)[A-Za-z0-9_.\-]{0,30}[""'\]]?[ \t]{0,5}(?::=|=>|=|:)[ \t]{0,5}[""']?(?<secret>[a-z2-7]{52})(?![A-Za-z0-9])", Options)]
    private static partial Regex AzureDevOpsPat();

    [GeneratedRegex(@"(?<=(?<![A-Za-z0-9])[A-Za-z0-9]{76})AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])", Options, MatchTimeoutMs)]
    private static partial Regex AzureDevOpsPatV2();
}
