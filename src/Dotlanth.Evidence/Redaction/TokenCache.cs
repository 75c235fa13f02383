using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Masks <c>[REDACTED:rule:tag]</c> with tag = first 4 bytes of HMAC-SHA256(key, secret). Logs repeat the same
/// secrets, so recent masks are kept (bounded) and a repeat costs a lookup, without allocating, instead of an HMAC.
/// </summary>
internal sealed class TokenCache(byte[] key)
{
    private const int Capacity = 4096;
    private const int MaxCachedSecret = 256;
    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    public byte[] Get(string ruleId, ReadOnlySpan<byte> secret)
    {
        if (secret.Length > MaxCachedSecret)
        {
            return Compute(ruleId, secret);
        }

        // The key is the rule id, a NUL, and the secret's bytes one char each; looked up as a span.
        Span<char> lookup = stackalloc char[ruleId.Length + 1 + secret.Length];
        ruleId.CopyTo(lookup);
        lookup[ruleId.Length] = '\0';
        Encoding.Latin1.GetChars(secret, lookup[(ruleId.Length + 1)..]);
        if (_cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(lookup, out var token))
        {
            return token;
        }

        token = Compute(ruleId, secret);
        if (_cache.Count >= Capacity)
        {
            _cache.Clear();
        }

        _cache[new string(lookup)] = token;
        return token;
    }

    private byte[] Compute(string ruleId, ReadOnlySpan<byte> secret)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, secret, mac);
        return Encoding.ASCII.GetBytes($"[REDACTED:{ruleId}:{Convert.ToHexStringLower(mac[..4])}]");
    }
}
