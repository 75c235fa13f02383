using System.Text;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>Inputs for the redaction benchmarks, built deterministically so runs compare.</summary>
public static class Corpora
{
    /// <summary>Build and test output as CI produces it: compiler lines, test results, paths, hashes, timings.</summary>
    public static byte[] BuildLog(int bytes)
    {
        string[] lines =
        [
            "  Determining projects to restore...",
            "  Restored /home/runner/work/app/app/src/App.Core/App.Core.csproj (in 412 ms).",
            "  App.Core -> /home/runner/work/app/app/src/App.Core/bin/Release/net10.0/App.Core.dll",
            "/home/runner/work/app/app/src/App.Web/Controllers/OrdersController.cs(42,17): warning CS8618: Non-nullable property 'Name' must contain a non-null value when exiting constructor. [/home/runner/work/app/app/src/App.Web/App.Web.csproj]",
            "[xUnit.net 00:00:01.23]     App.Tests.OrderTests.Total_includes_tax [PASS]",
            "  Passed App.Tests.OrderTests.Discount_is_applied_once [12 ms]",
            "tests/test_orders.py::test_refund_flow PASSED                                  [ 42%]",
            "npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory.",
            "added 812 packages, and audited 813 packages in 14s",
            "commit 3f2a9c1d4e5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f Merge pull request #1234 from feature/checkout",
            "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1bcb0b822cd15d6c15b0f00a08  dist/app-1.4.2.tar.gz",
            "2026-11-21T19:55:12.123Z INFO  request id=123e4567-e89b-12d3-a456-426614174000 GET /api/orders 200 18ms",
            "   at App.Core.Orders.OrderService.PlaceAsync(Order order) in /src/App.Core/Orders/OrderService.cs:line 88",
            "Build succeeded.    0 Warning(s)    0 Error(s)    Time Elapsed 00:00:41.07",
        ];
        return Fill(lines, bytes);
    }

    /// <summary>
    /// Every line is thick with the words the rules key on (token, secret, password, key, auth, bearer, URLs), as in
    /// auth-service logs and docs: most are placeholders, prose or short values; one line in five holds a real secret.
    /// </summary>
    public static byte[] KeywordDense(int bytes)
    {
        string[] lines =
        [
            "auth: refreshing access token for client app-web; token expires in 3600s; secret rotation scheduled",
            "password policy: min length 12, passphrase allowed; api_key header missing -> 401 Unauthorized",
            "env: GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }} NPM_TOKEN=$NPM_TOKEN api_key=<your-token> password=****",
            "Authorization header present (Bearer scheme); credential provider returned cached credential for https://nuget.example.com/v3/index.json",
            "export DB_PASSWORD=\"s3cr3t-Pa55w0rd-x\"  # rotated nightly by the secrets manager",
            "key rotation: signing_key id=7 active, encryption_key id=3 retired; private_key stored in vault://kv/app",
            "max_tokens=4096 tokenizer=bpe secret_santa=false keyboard=us password_reset_url=https://example.com/reset",
            "curl -H 'Authorization: Bearer $TOKEN' https://api.example.com/v1/tokens?limit=10 returned 200",
        ];
        return Fill(lines, bytes);
    }

    /// <summary>Several real-looking secrets on every line: the worst case, where every window is mostly masks.</summary>
    public static byte[] SecretDense(int bytes)
    {
        string[] lines =
        [
            "export GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345",
            "password=Tr0ub4dor&3x api_key=\"k3y-v4lue-0987654321\" secret: hunter2hunter2",
            "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "token refresh for key rotation; credential cache auth ok; passphrase prompt skipped",
            "postgres://app:s3cretPw9@db.internal:5432/main?sslmode=require&password=x&token=y",
            "curl -u admin:hunter2secret -H 'Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==' https://api.example.com",
            "AKIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        ];
        return Fill(lines, bytes);
    }

    /// <summary>Inputs built to make a backtracking matcher explode.</summary>
    public static IReadOnlyDictionary<string, byte[]> Hostile(int bytes) => new Dictionary<string, byte[]>
    {
        ["one-line-a"] = Encoding.ASCII.GetBytes(new string('a', bytes)),
        ["password-equals"] = Repeat("password=", bytes),
        ["begin-key-flood"] = Repeat("-----BEGIN RSA PRIVATE KEY-----", bytes),
        ["url-colons"] = Repeat("://a:b", bytes),
        ["jwt-prefixes"] = Repeat("eyJeyJ.eyJ.", bytes),
        ["keywords-no-values"] = Repeat("token secret password key auth bearer ", bytes),
        ["quotes"] = Repeat("\"password\": \"", bytes),
        ["name-labels"] = Repeat("- name: DB_PASSWORD\n  name: API_TOKEN ", bytes),
        ["secret-data-blocks"] = Repeat("data:\n  k: dGVzdA==\n data:", bytes),
        ["basic-prose"] = Repeat("Basic dXNlcjpw token Zx9kQ27vLm3Wq ", bytes),
        ["utf16-keywords"] = Encoding.Unicode.GetBytes(string.Concat(Enumerable.Repeat("password=", (bytes / 18) + 1)))[..bytes],
        ["escape-flood"] = Repeat("\u001b[31mtoken\u001b[0m ", bytes),
    };

    private static byte[] Fill(string[] lines, int bytes)
    {
        var text = new StringBuilder(bytes + 512);
        for (var i = 0; text.Length < bytes; i++)
        {
            text.Append(lines[i % lines.Length]).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, bytes));
    }

    private static byte[] Repeat(string unit, int bytes) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(unit, (bytes / unit.Length) + 1))[..bytes]);
}
