using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Dotlanth.Evidence.Vm;

/// <summary>Reads the tokens of one .dasm line, knowing its position for error messages.</summary>
internal sealed class LineReader(string file, int line, string text)
{
    public const int MaxDepth = 64;

    private int _pos;
    private int _depth;

    /// <summary>The 1-based column of the next token.</summary>
    public int Column
    {
        get
        {
            SkipSpace();
            return _pos + 1;
        }
    }

    public bool AtEnd
    {
        get
        {
            SkipSpace();
            return _pos >= text.Length || text[_pos] == ';';
        }
    }

    public AssemblyException Error(string message, int? column = null) => new(file, line, column ?? Column, message);

    public string Word()
    {
        SkipSpace();
        var start = _pos;
        while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] is '.' or '_' or '-'))
        {
            _pos++;
        }

        if (start == _pos)
        {
            throw Error("expected a name");
        }

        return text[start.._pos];
    }

    public bool TryChar(char c)
    {
        SkipSpace();
        if (_pos < text.Length && text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    public void Expect(char c)
    {
        if (!TryChar(c))
        {
            throw Error($"expected '{c}'");
        }
    }

    public char Peek()
    {
        SkipSpace();
        return _pos < text.Length ? text[_pos] : '\0';
    }

    public int Register()
    {
        SkipSpace();
        var column = Column;
        var word = Word();
        if (word.Length < 2 || word[0] != 'r'
            || !int.TryParse(word.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index > 31)
        {
            throw Error($"expected a register r0..r31, found '{word}'", column);
        }

        return index;
    }

    public Value Literal()
    {
        var c = Peek();
        var column = Column;
        if (c == '"')
        {
            return Value.Of(QuotedString());
        }

        if (c == 'b' && _pos + 1 < text.Length && text[_pos + 1] == '"')
        {
            _pos++;
            return Value.Of(Encoding.Latin1.GetBytes(QuotedString()));
        }

        if (c == '[')
        {
            // Each level recurses: a deep nest would overflow the stack and kill the process with no bundle.
            if (++_depth > MaxDepth)
            {
                throw Error($"lists nest more than {MaxDepth} levels deep", column);
            }

            _pos++;
            var items = ImmutableArray.CreateBuilder<Value>();
            if (!TryChar(']'))
            {
                do
                {
                    items.Add(Literal());
                }
                while (TryChar(','));
                Expect(']');
            }

            _depth--;
            return Value.Of(items.ToImmutable());
        }

        if (c == '-' || char.IsDigit(c))
        {
            var start = _pos;
            _pos++;
            while (_pos < text.Length && char.IsDigit(text[_pos]))
            {
                _pos++;
            }

            return long.TryParse(text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? Value.Of(n)
                : throw Error($"'{text[start.._pos]}' is not a 64-bit integer", column);
        }

        var word = Word();
        return word switch
        {
            "true" => Value.Of(true),
            "false" => Value.Of(false),
            "unit" => Value.Unit,
            _ => throw Error($"expected a literal (string, b\"bytes\", integer, true, false, unit or [list]), found '{word}'", column),
        };
    }

    public string QuotedString()
    {
        SkipSpace();
        var column = Column;
        if (_pos >= text.Length || text[_pos] != '"')
        {
            throw Error("expected a string in double quotes");
        }

        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= text.Length)
            {
                throw Error("unterminated string", column);
            }

            var ch = text[_pos++];
            if (ch == '"')
            {
                return sb.ToString();
            }

            if (ch != '\\')
            {
                sb.Append(ch);
                continue;
            }

            if (_pos >= text.Length)
            {
                throw Error("unterminated escape", column);
            }

            var escape = text[_pos++];
            sb.Append(escape switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                '0' => "\0",
                '\\' => "\\",
                '"' => "\"",
                'x' => HexEscape(2),
                'u' => HexEscape(4),
                _ => throw Error($"unknown escape '\\{escape}'", Column - 2),
            });
        }
    }

    private string HexEscape(int digits)
    {
        if (_pos + digits > text.Length
            || !int.TryParse(text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw Error($"expected {digits} hex digits");
        }

        _pos += digits;
        return ((char)code).ToString();
    }

    private void SkipSpace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
        {
            _pos++;
        }
    }
}
