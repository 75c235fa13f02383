using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Redaction.Catalog;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// Masks secrets as <c>[REDACTED:rule:tag]</c>: known values (sensitive environment variables and configured values in
/// all their encodings), the built-in catalog and user rules. The tag is an HMAC under a per-run key that is never
/// written into a bundle, so equal secrets correlate within one bundle and nowhere else; the mask's length says nothing of the secret.
/// </summary>
public sealed class Redactor : IRedactor
{
    public const string EnvValueRule = "env-value";
    public const string ConfigValueRule = "known-value";

    private const string SecretFlagRule = "secret-flag";
    public const string CatalogVersion = BuiltInRules.Version;

    /// <summary>Known values longer than this are searched for line by line only.</summary>
    private const int MaxKnownValueLength = WindowedRedactingSink.Overlap;

    public const int MaskKeyBytes = 32;

    private readonly TokenCache _tokens;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _hits = new(StringComparer.Ordinal);
    private const int CleanMaxLength = 256;
    private const int CleanCacheSize = 16_384;
    private readonly ConcurrentDictionary<string, byte> _clean = new(StringComparer.Ordinal);
    private int _cleanCount;
    private readonly string[] _extraSensitiveWords;
    private readonly string[] _envAllow;
    private readonly int _droppedShort;
    private readonly int _userRuleCount;

    private Redactor(RedactionOptions options, IEnumerable<(string Value, string RuleId)> secrets, int droppedShort, byte[]? maskKey)
    {
        _tokens = new TokenCache(maskKey ?? RandomNumberGenerator.GetBytes(MaskKeyBytes));
        var needles = new Dictionary<string, Needle>(StringComparer.Ordinal);
        foreach (var (value, rule) in secrets)
        {
            foreach (var form in KnownValueVariants.Of(value))
            {
                var bytes = Encoding.UTF8.GetBytes(form);
                if (bytes.Length <= MaxKnownValueLength)
                {
                    needles.TryAdd(form, new Needle(bytes, rule));
                }
            }
        }

        var userRules = options.Patterns.Select((p, i) => ($"custom-{i + 1}", UserRules.Compile(p, "--redact-pattern"))).ToList();
        if (!options.SensitiveNames.IsEmpty)
        {
            userRules.Add(("custom-name", UserRules.Assignment(options.SensitiveNames)));
        }

        var allowlist = options.Allowlist.Select(p => UserRules.Compile(p, "--redact-allow")).ToList();
        Engine = new RedactionEngine(userRules, allowlist, new NeedleMatcher(needles.Values));
        _extraSensitiveWords = [.. options.SensitiveNames];
        _envAllow = [.. options.EnvAllow];
        _droppedShort = droppedShort;
        _userRuleCount = userRules.Count;
        KnownValueCount = secrets.Select(s => s.Value).Distinct(StringComparer.Ordinal).Count();
    }

    public int KnownValueCount { get; }

    internal RedactionEngine Engine { get; }

    /// <summary>
    /// A redactor for the sensitive variables of <paramref name="environment"/> and the user's rules.
    /// Throws <see cref="RedactionConfigException"/> for a user pattern that does not compile. A run made of several
    /// processes passes them all the same <paramref name="maskKey"/>, so one secret gets one mask across them.
    /// </summary>
    public static Redactor Create(IReadOnlyDictionary<string, string> environment, RedactionOptions? options = null, byte[]? maskKey = null)
    {
        if (maskKey is not null && maskKey.Length != MaskKeyBytes)
        {
            throw new ArgumentException($"A mask key has {MaskKeyBytes} bytes.", nameof(maskKey));
        }

        ArgumentNullException.ThrowIfNull(environment);
        options ??= RedactionOptions.Default;
        var secrets = new List<(string, string)>();
        var dropped = 0;
        foreach (var (name, value) in environment)
        {
            if (value.Length == 0 || !IsSensitiveName(name, options.SensitiveNames))
            {
                continue;
            }

            if (SensitiveNames.IsSearchable(value))
            {
                secrets.Add((value, EnvValueRule));
            }
            else
            {
                dropped++;
            }
        }

        secrets.AddRange(options.KnownValues.Where(SensitiveNames.IsSearchable).Select(v => (v, ConfigValueRule)));
        return new Redactor(options, secrets, dropped, maskKey);
    }

    /// <summary>Whether a variable of this name is treated as a secret by this redactor.</summary>
    public bool IsSensitiveName(string name) => IsSensitiveName(name, _extraSensitiveWords);

    /// <summary>Whether <c>env.json</c> records this variable's value (a safe, useful name, never a sensitive one) or its name only.</summary>
    public bool RecordsValueOf(string name) => !IsSensitiveName(name) && RecordedVariables.RecordsValueOf(name, _envAllow);

    /// <summary>The mask a value gets in this bundle.</summary>
    public string Token(string ruleId, string value) => Encoding.UTF8.GetString(TokenBytes(ruleId, Encoding.UTF8.GetBytes(value)));

    public string MaskWhole(string ruleId, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.StartsWith("[REDACTED:", StringComparison.Ordinal) && value.EndsWith(']'))
        {
            return value;
        }

        CountHit(ruleId);
        return Token(ruleId, value);
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || (text.Length <= CleanMaxLength && _clean.ContainsKey(text)))
        {
            return text;
        }

        var sink = new TextCapture(int.MaxValue);
        var hit = false;
        var redacting = Wrap(sink, _ => hit = true);
        redacting.Write(Encoding.UTF8.GetBytes(text));
        redacting.Complete();
        var redacted = sink.Text;
        if (!hit && text.Length <= CleanMaxLength && Volatile.Read(ref _cleanCount) < CleanCacheSize && redacted == text && _clean.TryAdd(text, 0))
        {
            // Rules and known values are fixed when the redactor is made, so a short text with nothing to mask has
            // nothing to mask next time: records that repeat a check name, a suite or a status skip the scan. Only
            // texts without hits are remembered, so the hit counts stay exact.
            Interlocked.Increment(ref _cleanCount);
        }

        return redacted;
    }

    /// <summary>
    /// Redacts a command line as a whole, so a secret given as its own argument (<c>--password hunter2</c>,
    /// <c>-u user:pass</c>) is found from its neighbour, then maps the masks back onto the elements.
    /// </summary>
    public IReadOnlyList<string> RedactArgv(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var elements = argv.Select(Encoding.UTF8.GetBytes).ToList();
        var joined = new List<byte>();
        var starts = new List<int>();
        foreach (var element in elements)
        {
            if (starts.Count > 0)
            {
                joined.Add((byte)' ');
            }

            starts.Add(joined.Count);
            joined.AddRange(element);
        }

        var hits = new List<RedactionHit>();
        var sink = Wrap(new TextCapture(0), hits.Add);
        sink.Write(joined.ToArray());
        sink.Complete();
        foreach (var (index, start) in ShortPasswordFlags.Find(argv))
        {
            var from = Encoding.UTF8.GetByteCount(argv[index].AsSpan(0, start));
            hits.Add(new RedactionHit(SecretFlagRule, starts[index] + from, elements[index].Length - from));
            CountHit(SecretFlagRule);
        }

        return [.. elements.Select((element, i) => Mask(element, starts[i], hits))];
    }

    private string Mask(byte[] element, int start, List<RedactionHit> hits)
    {
        var output = new List<byte>(element.Length);
        var pos = 0;
        foreach (var hit in hits.Where(h => h.Offset < start + element.Length && h.Offset + h.Length > start).OrderBy(h => h.Offset))
        {
            var from = (int)Math.Max(pos, hit.Offset - start);
            var to = (int)Math.Min(element.Length, hit.Offset + hit.Length - start);
            if (to <= from)
            {
                continue;
            }

            output.AddRange(element.AsSpan(pos, from - pos).ToArray());
            output.AddRange(TokenBytes(hit.RuleId, element.AsSpan(from, to - from)));
            pos = to;
        }

        output.AddRange(element.AsSpan(pos).ToArray());
        return Encoding.UTF8.GetString([.. output]);
    }

    public IOutputSink Wrap(IOutputSink downstream) => new WindowedRedactingSink(this, downstream, null);

    public (IOutputSink First, IOutputSink Second) WrapPair(IOutputSink first, IOutputSink second)
    {
        var pair = new StreamPair(Engine.Needles);
        var one = new WindowedRedactingSink(this, first, null, pair);
        var two = new WindowedRedactingSink(this, second, null, pair);
        pair.Join(one, two);
        return (one, two);
    }

    /// <summary>Like <see cref="Wrap(IOutputSink)"/>, also reporting where each secret was (for <c>redact --report</c>).</summary>
    public IOutputSink Wrap(IOutputSink downstream, Action<RedactionHit> onHit) => new WindowedRedactingSink(this, downstream, onHit);

    public RedactionSummary Summary() => new(
        "mask",
        CatalogVersion,
        new SortedDictionary<string, long>(_hits.ToDictionary(h => h.Key, h => Interlocked.Read(ref h.Value.Value)), StringComparer.Ordinal),
        KnownValueCount,
        _droppedShort,
        BuiltInRules.Ids.Count,
        _userRuleCount);

    internal byte[] TokenBytes(string ruleId, ReadOnlySpan<byte> secret) => _tokens.Get(ruleId, secret);

    internal void CountHit(string ruleId) => Interlocked.Increment(ref _hits.GetOrAdd(ruleId, static _ => new StrongBox<long>()).Value);

    private static bool IsSensitiveName(string name, IEnumerable<string> extraWords) =>
        SensitiveNames.IsSensitive(name) || extraWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
}
