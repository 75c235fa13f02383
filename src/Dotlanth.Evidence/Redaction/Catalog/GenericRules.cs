using System.Text.RegularExpressions;
using Dotlanth.Evidence.Redaction.Detectors;

namespace Dotlanth.Evidence.Redaction.Catalog;

public static partial class BuiltInRules
{
    /// <summary>The rule id of PEM private-key blocks, found by <see cref="PemScanner"/> rather than a pattern.</summary>
    public const string PrivateKeyRule = "private-key";

    // Patterns starting with \G are tried only at keyword positions and every repetition in them is bounded, so one
    // attempt is bounded too; they carry no timeout because arming one per attempt costs more than the attempt.
    private static IEnumerable<SecretRule> Generic() =>
    [
        new("jwt", ["eyJ"], Jwt) { ExtendOver = Alnum + "_-." },
        new("url-credentials", ["://"], UrlCredentials, IsGeneric: true) { AnchoredAtKeywords = true },
        new("connection-string-password", ["password"], ConnectionStringPassword, IsGeneric: true) { NotAfter = Alnum + "_.-", AnchoredAtKeywords = true },
        new("connection-string-password", [";pwd", "; pwd"], ConnectionStringPwd, IsGeneric: true),
        new("authorization-header", ["authorization"], AuthorizationHeader, IsGeneric: true) { AnchoredAtKeywords = true, ExtendOver = TokenChars },
        new("bearer-token", ["bearer"], BearerToken, IsGeneric: true) { AnchoredAtKeywords = true, ExtendOver = TokenChars },
        new("curl-user-password", ["-u ", "-u\t", "-u=", "--user"], CurlUserPassword, IsGeneric: true) { NotAfter = Alnum + "-", AnchoredAtKeywords = true },
        new("secret-assignment", ["password", "passwd", "passphrase", "secret", "token", "apikey", "api_key", "api-key", "api.key", "accesskey", "access_key", "access-key", "privatekey", "private_key", "private-key", "authkey", "auth_key", "auth-key", "encryption_key", "encryption-key", "signing_key", "signing-key", "credential", "_pass", "-pass", "_pwd"], SecretAssignment, IsGeneric: true) { AnchoredAtKeywords = true, ChecksName = true },
        new("secret-flag", ["password", "passwd", "token", "secret", "apikey", "api-key", "access-key", "client-secret", "-pat", "_pat"], SecretFlag, IsGeneric: true) { AnchoredAtKeywords = true, FlagName = true, ChecksName = true },
        new("secret-xml", ["password", "passwd", "secret", "token", "apikey", "api_key", "credential", "connectionstring"], SecretXmlElement, IsGeneric: true),
        new(NameValueDetector.PairRule, [.. SecretWords.Union(ProseWords, StringComparer.Ordinal)], null, IsGeneric: true) { AnchoredAtKeywords = true, Detector = new NameValueDetector() },
        // Found by the secret-pair rule's detector; listed so its id is in the catalog.
        new(NameValueDetector.ProseRule, [], null, IsGeneric: true) { AnchoredAtKeywords = true },
        new("basic-credentials", ["basic"], null) { AnchoredAtKeywords = true, Detector = new BasicCredentialsDetector() },
        new("kubernetes-secret-data", ["data:", "data\":"], null) { AnchoredAtKeywords = true, Detector = new KubernetesSecretDataDetector() },
        new("url-token-user", ["://"], null) { AnchoredAtKeywords = true, Detector = new UrlTokenUserDetector() },
    ];

    private const string TokenChars = Alnum + "._~+/=-";

    // Short words such as "key" alone would stop the keyword scan at every "keyboard" and "monkey": a name ending in
    // key is found by its separator or by a qualifier spelled with it.
    private static string[] KeyNames =>
        ["_key", "-key", ".key", "apikey", "accesskey", "privatekey", "secretkey", "signingkey", "encryptionkey", "masterkey", "authkey",
         "clientkey", "licensekey", "deploykey", "sshkey", "hmackey", "storagekey", "accountkey", "sharedkey", "servicekey", "appkey"];

    private static string[] SecretWords =>
        ["password", "passwd", "passphrase", "passcode", "_pwd", "-pwd", "_pass", "-pass", "secret", "token", "credential", "creds",
         "_auth", "-auth", "_dsn", "-dsn", "cookie", "_pat", "-pat", .. KeyNames];

    private static string[] ProseWords =>
        ["password", "passwd", "passphrase", "passcode", "_pwd", "-pwd", "_pass", "-pass", "secret", "token", "credential", "_pat", "-pat",
         "api key", "access key", "secret key", "private key", "signing key", "encryption key", "license key", "deploy key", "ssh key", .. KeyNames];

    // The payload is bounded so one attempt is; a longer token is masked whole by extending the find over its characters.
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]{8,4000}\.eyJ[A-Za-z0-9_\-]{8,8000}(?:\.[A-Za-z0-9_\-]{0,2000})?", Options, MatchTimeoutMs)]
    private static partial Regex Jwt();

    // A token as the user with a filler password (TOKEN:x-oauth-basic@) is the url-token-user rule's: the filler is no secret.
    [GeneratedRegex(@"\G://[^\s:@/""'<>]{1,256}:(?!(?i:x-oauth-basic|x-oauth)@)(?<secret>[^\s@/""'<>]{1,256})@", Options)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"\G(?i:password)[ \t]{0,3}=(?!=)[ \t]{0,3}(?<secret>(?>[^;""'\r\n]{1,128}))(?=;|$|[""'\r\n])", Options)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@";[ \t]{0,3}(?i:pwd)[ \t]{0,3}=(?!=)[ \t]{0,3}(?<secret>(?>[^;""'\r\n]{1,128}))(?=;|$|[""'\r\n])", Options, MatchTimeoutMs)]
    private static partial Regex ConnectionStringPwd();

    [GeneratedRegex(@"\G(?i:authorization)\\?[""']?[ \t]{0,3}[:=][ \t]{0,3}\\?[""']?(?i:basic|bearer|token|digest|negotiate|apikey|sso-key)[ \t]{1,3}(?<secret>[A-Za-z0-9._~+/=\-]{6,4096})", Options)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"\G(?i:bearer)[ \t]{1,3}(?<secret>[A-Za-z0-9._~+/\-]{20,4096}=*)", Options)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"\G(?:-u|--user)(?:[ \t]{1,3}|=)[""']?[^\s:""']{1,128}:(?<secret>[^\s""']{1,256})", Options)]
    private static partial Regex CurlUserPassword();

    // name (ending in a sensitive word) [closing quote or bracket] separator value; `==` and `::` are code, not assignments.
    [GeneratedRegex(
        @"\G(?i:password|passwd|passphrase|secret|token|api[_.\-]?key|access[_.\-]?key|secret[_.\-]?key|private[_.\-]?key|client[_.\-]?secret|credentials?|auth[_.\-]?key|encryption[_.\-]?key|signing[_.\-]?key|_pass|-pass|_pwd)"
        + @"(?:\\{0,3}[""'])?\]?[ \t]{0,5}(?::=|=>|=(?!=)|:(?!:))[ \t]{0,5}"
        + @"(?:\\{0,3}""(?<secret>(?:[^""\\\r\n]|\\[^""\r\n]){4,512})(?:\\{0,3}""|(?=[^""\r\n]))|'(?<secret>[^'\r\n]{4,512})(?:'|(?=[^'\r\n]))|(?<secret>[^\s""'`,;<>()\[\]{}\\]{4,512}))",
        Options)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(
        @"\G[-_]?(?i:password|passwd|token|secret|api-?key|access-key|client-secret|pat)(?:=|[ \t]{1,3})"
        + @"(?:""(?<secret>[^""\r\n]{3,512})""|'(?<secret>[^'\r\n]{3,512})'|(?<secret>[^\s""'\-][^\s""']{2,511}))",
        Options)]
    private static partial Regex SecretFlag();

    [GeneratedRegex(@"<[A-Za-z0-9_.:\-]{0,40}(?i:password|passwd|secret|token|apikey|api_key|credential)[A-Za-z0-9_.\-]{0,20}>(?<secret>[^<\r\n]{1,512})</", Options, MatchTimeoutMs)]
    private static partial Regex SecretXmlElement();
}
