using System.Text;

namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>Synthetic secrets of the shapes real ones have. Nothing here is a real credential.</summary>
public static class SecretFamilies
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const string Hex = "0123456789abcdef";

    public static string Pick(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>A random string holding at least one character of each class, so every sample has the full shape.</summary>
    public static string Mixed(Random random, int length, string symbols = "")
    {
        var classes = symbols.Length == 0 ? new[] { Lower, Upper, Digits } : [Lower, Upper, Digits, symbols];
        var all = string.Concat(classes);
        var chars = Pick(random, all, length).ToCharArray();
        for (var i = 0; i < classes.Length; i++)
        {
            chars[random.Next(1, length)] = classes[i][random.Next(classes[i].Length)];
        }

        return new string(chars);
    }

    private static string Base64(Random random, int bytes)
    {
        var data = new byte[bytes];
        random.NextBytes(data);
        return Convert.ToBase64String(data);
    }

    private static string Base64Url(string value) => value.Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static string Jwt(Random random, int payloadBytes)
    {
        var header = Base64Url(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")));
        var claims = new StringBuilder("{\"sub\":\"").Append(Pick(random, Digits, 10)).Append("\",\"data\":\"");
        claims.Append(Pick(random, Lower + Digits, payloadBytes)).Append("\"}");
        var payload = Base64Url(Convert.ToBase64String(Encoding.UTF8.GetBytes(claims.ToString())));
        return $"{header}.{payload}.{Base64Url(Base64(random, 32))}";
    }

    public static IReadOnlyList<SecretFamily> All { get; } =
    [
        new("password", r => Mixed(r, 16 + r.Next(8), "!#%^&*+=@")),
        new("password-short", r => Mixed(r, 10, "!#%*")),
        new("alnum-32", r => Mixed(r, 32)),
        new("alnum-40", r => Mixed(r, 40)),
        new("hex-32", r => Pick(r, Hex, 32)),
        new("hex-64", r => Pick(r, Hex, 64)),
        new("base64-32", r => Base64(r, 32)),
        new("base64-48", r => Base64(r, 48)),
        new("base64url-32", r => Base64Url(Base64(r, 32))),
        new("uuid-key", r => $"{Pick(r, Hex, 8)}-{Pick(r, Hex, 4)}-4{Pick(r, Hex, 3)}-a{Pick(r, Hex, 3)}-{Pick(r, Hex, 12)}"),
        new("dotted-key", r => $"{Mixed(r, 12)}.{Mixed(r, 24)}"),
        new("jwt", r => Jwt(r, 60)),
        new("jwt-long", r => Jwt(r, 9_000)),
        new("long-value", r => Base64(r, 600)),
        new("passphrase", r => $"{Pick(r, Lower, 6)} {Pick(r, Lower, 7)} {Pick(r, Lower, 5)} {Pick(r, Digits, 3)}", Quoted: true, Prose: false),
        new("github-pat", r => "ghp_" + Mixed(r, 36)),
        new("stripe-key", r => "sk_live_" + Mixed(r, 24)),
        new("slack-bot", r => $"xoxb-{Pick(r, Digits, 12)}-{Pick(r, Digits, 13)}-{Mixed(r, 24)}"),
        new("aws-secret", r => Mixed(r, 40, "/+")[..40]),
        new("url-safe-token", r => Mixed(r, 43, "-_")),
    ];
}
