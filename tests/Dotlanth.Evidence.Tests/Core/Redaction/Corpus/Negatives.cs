namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>
/// Text that looks like a secret or sits next to a sensitive word but is not one: it must pass through untouched.
/// </summary>
public static class Negatives
{
    private static string Hex(Random r, int n) => SecretFamilies.Pick(r, "0123456789abcdef", n);

    private static string B64(Random r, int n)
    {
        var data = new byte[n];
        r.NextBytes(data);
        return Convert.ToBase64String(data);
    }

    public static IReadOnlyList<(string Family, string Text)> Make(Random r) =>
    [
        ("commit-sha", $"commit {Hex(r, 40)}\nAuthor: Jane Doe <jane@example.com>\n"),
        ("commit-sha", $"HEAD is now at {Hex(r, 7)} Merge pull request #12 from org/token-refresh\n"),
        ("commit-sha", $"Checking out {Hex(r, 40)} as the secret-rotation branch\n"),
        ("sha256", $"{Hex(r, 64)}  dist/app.tar.gz\n"),
        ("sha256", $"sha256:{Hex(r, 64)}\n"),
        ("sha512", $"SHA512 ({Hex(r, 8)}.zip) = {Hex(r, 128)}\n"),
        ("sri", $"      \"integrity\": \"sha512-{B64(r, 64)}\",\n"),
        ("sri", $"<script src=\"app.js\" integrity=\"sha384-{B64(r, 48)}\" crossorigin=\"anonymous\"></script>\n"),
        ("uuid", $"request {Hex(r, 8)}-{Hex(r, 4)}-4{Hex(r, 3)}-8{Hex(r, 3)}-{Hex(r, 12)} finished in 12ms\n"),
        ("uuid", $"Created session id {Hex(r, 8)}-{Hex(r, 4)}-4{Hex(r, 3)}-9{Hex(r, 3)}-{Hex(r, 12)}\n"),
        ("go-sum", $"golang.org/x/crypto v0.31.0 h1:{B64(r, 32)}\n"),
        ("go-sum", $"golang.org/x/crypto v0.31.0/go.mod h1:{B64(r, 32)}\n"),
        ("base64-fixture", $"    fixture = \"{B64(r, 45)}\"\n"),
        ("base64-fixture", $"  data: {B64(r, 24)}\n  kind: ConfigMap\n"),
        ("container-digest", $"Digest: sha256:{Hex(r, 64)}\nStatus: Downloaded newer image for ghcr.io/org/app:1.2\n"),
        ("container-digest", $"image: ghcr.io/org/app@sha256:{Hex(r, 64)}\n"),
        ("actions-secret-ref", "      env:\n        GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n        NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n"),
        ("actions-secret-ref", "        - name: DEPLOY_KEY\n          value: ${{ secrets.DEPLOY_KEY }}\n"),
        ("variable-ref", "password=$DB_PASSWORD token=${API_TOKEN} key=%API_KEY%\n"),
        ("variable-ref", "    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: db-credentials\n          key: password\n"),
        ("variable-ref", "  - name: API_TOKEN\n    value: $(API_TOKEN)\n"),
        ("variable-ref", "[{\"name\": \"DB_PASSWORD\", \"valueFrom\": {\"secretKeyRef\": {\"name\": \"db\", \"key\": \"password\"}}}]\n"),
        ("placeholder", "api_key=<your-key>\n    <add key=\"ApiKey\" value=\"&lt;your-api-key&gt;\" />\n"),
        ("placeholder", "  \"ClientSecret\": \"<client-secret>\",\n  \"Password\": \"\",\n"),
        ("test-name", "tests/test_auth.py::test_token_refresh PASSED                    [ 42%]\n"),
        ("test-name", "  ✓ rejects an expired password reset token (12 ms)\n"),
        ("test-name", "Passed AuthTests.Password_reset_requires_token [3 ms]\n"),
        ("build-summary", "Build succeeded.\n    0 Warning(s)\n    0 Error(s)\n\nTime Elapsed 00:00:12.34\n"),
        ("build-summary", "=========== 128 passed, 2 skipped in 14.21s ===========\n"),
        ("build-summary", "added 1214 packages, and audited 1215 packages in 21s\n"),
        ("prose", "using password reset flow for the upload\n"),
        ("prose", "token refresh succeeded after 3 attempts\n"),
        ("prose", "the secret is mounted at /var/run/secrets/kubernetes.io/serviceaccount\n"),
        ("prose", "api key rotation scheduled for 2026-12-01T00:00:00Z\n"),
        ("prose", "Authorization header missing; falling back to anonymous access\n"),
        ("prose", "Basic usage: tool [options] <file>\n"),
        ("prose", "password length must be at least 12 characters\n"),
        ("prose", "Generated token in 12ms (cache miss)\n"),
        ("prose", "passwords do not match\nsecret scanning found 0 alerts\n"),
        ("prose", "max tokens 4096, temperature 0.2\n"),
        ("prose", "token expired at 2026-11-30T10:00:00Z\n"),
        ("prose", "Using secret manager provider aws-secretsmanager for region eu-west-1\n"),
        ("structured", "    - name: LOG_LEVEL\n      value: debug\n    - name: PASSWORD_MIN_LENGTH\n      value: \"12\"\n"),
        ("structured", "{\"name\": \"TOKEN_AUDIENCE\", \"value\": \"api\"}\n"),
        ("structured", "<add key=\"PasswordPolicy\" value=\"strict\" />\n"),
        ("structured", "variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n"),
        ("structured", "secrets:\n  provider: vault\n  mount: kv\n"),
        ("kubectl", "Name:         app-secret\nNamespace:    default\nType:  Opaque\n\nData\n====\npassword:  16 bytes\nusername:  5 bytes\n"),
        ("ansi", "\u001b[32m✓\u001b[0m token refresh \u001b[2m(4 ms)\u001b[0m\n"),
        ("dotnet-diag", $"  System.Runtime, Version=10.0.0.0, Culture=neutral, PublicKeyToken={Hex(r, 16)}\n"),
        ("test-report", "<UnitTestResult testName=\"Left_alone(line: &quot;PWD=/home/ci/project OLDPWD=/home/ci&quot;)\" />\n"),
        ("test-report", "<UnitTestResult testName=\"Placeholders(line: &quot;export API_TOKEN=\\&quot;${API_TOKEN}\\&quot;&quot;)\" />\n"),
        ("structured", "    - name: TOKEN_URL\n      value: https://login.example.com/oauth/token\n"),
        ("structured", "GITHUB_TOKEN_ID=12345678 PASSWORD_FILE=/run/secrets/db\n"),
    ];
}
