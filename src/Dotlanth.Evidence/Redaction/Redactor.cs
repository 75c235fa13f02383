using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Replaces known secret values with <c>[REDACTED:rule:tag]</c>. The tag is an HMAC under a key that lives only in
/// this object, so equal secrets correlate within one bundle and nowhere else.
/// </summary>
public sealed class Redactor : IRedactor
{
    public const string EnvValueRule = "env-value";
    public const string ConfigValueRule = "known-value";
    public const string CatalogVersion = "1";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, long> _hits = new(StringComparer.Ordinal);
    private readonly NeedleMatcher _matcher;
    private readonly int _droppedShort;

    private Redactor(IEnumerable<(string Value, string RuleId)> secrets, int droppedShort)
    {
        var needles = new Dictionary<string, Needle>(StringComparer.Ordinal);
        foreach (var (value, rule) in secrets)
        {
            if (!needles.ContainsKey(value))
            {
                needles[value] = new Needle(Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(Token(rule, value)), rule);
            }
        }

        _matcher = new NeedleMatcher(needles.Values, rule => _hits.AddOrUpdate(rule, 1, static (_, n) => n + 1));
        _droppedShort = droppedShort;
        KnownValueCount = needles.Count;
    }

    public int KnownValueCount { get; }

    /// <summary>A redactor for the values of sensitive variables in <paramref name="environment"/> plus extra known values.</summary>
    public static Redactor ForEnvironment(IReadOnlyDictionary<string, string> environment, IEnumerable<string>? extraValues = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var secrets = new List<(string, string)>();
        var dropped = 0;
        foreach (var (name, value) in environment)
        {
            if (!SensitiveNames.IsSensitive(name) || value.Length == 0)
            {
                continue;
            }

            if (!SensitiveNames.IsSearchable(value))
            {
                dropped++;
                continue;
            }

            secrets.Add((value, EnvValueRule));
            // Multi-line values (keys, certificates) also leak line by line.
            foreach (var line in value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (line != value && SensitiveNames.IsSearchable(line))
                {
                    secrets.Add((line, EnvValueRule));
                }
            }
        }

        foreach (var value in extraValues ?? [])
        {
            if (SensitiveNames.IsSearchable(value))
            {
                secrets.Add((value, ConfigValueRule));
            }
        }

        return new Redactor(secrets, dropped);
    }

    /// <summary>The replacement a value gets in this bundle.</summary>
    public string Token(string ruleId, string value)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value));
        return $"[REDACTED:{ruleId}:{Convert.ToHexStringLower(mac.AsSpan(0, 4))}]";
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_matcher.IsEmpty || text.Length == 0)
        {
            return text;
        }

        var sink = new TextCapture(int.MaxValue);
        _ = _matcher.Process(Encoding.UTF8.GetBytes(text), final: true, sink);
        return sink.Text;
    }

    public IOutputSink Wrap(IOutputSink downstream) =>
        _matcher.IsEmpty ? downstream : new RedactingSink(_matcher, downstream);

    public RedactionSummary Summary() => new(
        "mask",
        CatalogVersion,
        new SortedDictionary<string, long>(_hits, StringComparer.Ordinal),
        KnownValueCount,
        _droppedShort);
}
