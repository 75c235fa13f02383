using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// The forms a known secret takes in output: itself, each of its lines, URL- and JSON-escaped, and base64 (standard and
/// URL-safe) at each of the three byte alignments it can have inside a longer encoded stream, with and without padding.
/// </summary>
internal static class KnownValueVariants
{
    /// <summary>Shorter encoded fragments would match ordinary text.</summary>
    private const int MinimumFragment = 8;

    public static IEnumerable<string> Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var forms = new HashSet<string>(StringComparer.Ordinal) { value };
        foreach (var line in value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (SensitiveNames.IsSearchable(line))
            {
                forms.Add(line);
            }
        }

        foreach (var form in forms.ToList())
        {
            forms.Add(Uri.EscapeDataString(form));
            forms.Add(Uri.EscapeDataString(form).Replace("%20", "+", StringComparison.Ordinal));
            forms.Add(JsonEscaped(form, JavaScriptEncoder.Default));
            forms.Add(JsonEscaped(form, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
            forms.Add(AsciiJsonEscaped(form));
        }

        foreach (var form in forms.ToList())
        {
            foreach (var encoded in Base64Forms(Encoding.UTF8.GetBytes(form)))
            {
                forms.Add(encoded);
            }
        }

        return forms.Where(f => f.Length >= MinimumFragment || f == value);
    }

    private static string JsonEscaped(string value, JavaScriptEncoder encoder) => JsonEncodedText.Encode(value, encoder).ToString();

    /// <summary>The escaping of Python's json.dumps and most other writers: \" and lowercase \uxxxx for the rest.</summary>
    private static string AsciiJsonEscaped(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static IEnumerable<string> Base64Forms(byte[] value)
    {
        for (var shift = 0; shift < 3; shift++)
        {
            var shifted = new byte[shift + value.Length];
            value.CopyTo(shifted, shift);
            var encoded = Convert.ToBase64String(shifted);
            // Characters that depend on the unknown bytes before the value are dropped.
            var first = (shift * 8 + 5) / 6;
            var whole = encoded[first..];
            // Inside a longer stream only the characters fully determined by the value are stable.
            var stable = encoded[first..((shift + value.Length) * 8 / 6)];
            foreach (var form in new[] { whole, whole.TrimEnd('='), stable })
            {
                yield return form;
                yield return form.Replace('+', '-').Replace('/', '_');
            }
        }
    }
}
