using System.Text;

namespace Dotlanth.Evidence.TestReports;

/// <summary>
/// Bounded text from a report: a message or a stack is kept up to a limit, with an explicit marker saying how much
/// was left out, so a 100 MB system-out costs no more memory than a short one.
/// </summary>
public sealed class Excerpt(int limit)
{
    public const int MessageLimit = 1000;
    public const int DetailsLimit = 4000;

    private readonly StringBuilder _kept = new();
    private long _omitted;

    public void Append(ReadOnlySpan<char> text)
    {
        var room = Math.Max(0, limit - _kept.Length);
        var take = Math.Min(room, text.Length);
        _kept.Append(text[..take]);
        _omitted += text.Length - take;
    }

    public bool IsEmpty => _kept.Length == 0 && _omitted == 0;

    public override string ToString() => _omitted == 0 ? _kept.ToString() : $"{_kept}… [{_omitted} more characters]";

    public static string? Of(string? text, int limit)
    {
        if (text is null)
        {
            return null;
        }

        var excerpt = new Excerpt(limit);
        excerpt.Append(text);
        return excerpt.ToString();
    }
}
