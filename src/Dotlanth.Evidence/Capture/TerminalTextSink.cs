namespace Dotlanth.Evidence.Capture;

/// <summary>
/// What a terminal would show, as plain text: control sequences (colours, cursor moves, mode switches, titles) removed,
/// a line redrawn after a carriage return (a progress bar) kept in its last form, text drawn at another row (a
/// full-screen program) on a line of its own, backspaces applied, CRLF as LF.
/// Works across chunk boundaries; the bundle keeps this form of output that reached a terminal.
/// </summary>
public sealed class TerminalTextSink(IOutputSink next) : IOutputSink
{
    /// <summary>A line longer than this without a line end is passed on as it is, so memory stays bounded.</summary>
    private const int MaxLine = 64 * 1024;

    private const byte Esc = 0x1B;
    private const byte Bel = 0x07;

    // The line being drawn, in a fixed buffer: a line end writes it on without allocating.
    private readonly byte[] _line = new byte[MaxLine];
    private int _length;
    private readonly List<byte> _parameters = [];
    private State _state;
    private bool _carriageReturn;

    private enum State
    {
        Text,
        Escape,
        Csi,
        StringBody,
        StringEscape,
        Charset,
    }

    public void Write(ReadOnlySpan<byte> chunk)
    {
        foreach (var b in chunk)
        {
            Take(b);
        }
    }

    public void Flush() => next.Flush();

    public void Complete()
    {
        if (_length > 0)
        {
            next.Write(_line.AsSpan(0, _length));
            _length = 0;
        }

        next.Complete();
    }

    private State StartCsi()
    {
        _parameters.Clear();
        return State.Csi;
    }

    /// <summary>The cursor and erase controls that change what stays on screen; the rest only style it.</summary>
    private void Control(byte final)
    {
        var first = _parameters.Count == 0 || _parameters.TrueForAll(p => p is (byte)'0' or (byte)'1' or (byte)';');
        switch (final)
        {
            case (byte)'H' or (byte)'f' or (byte)'d' or (byte)'A' or (byte)'B' or (byte)'E' or (byte)'F' or (byte)'h' or (byte)'l':
                // The cursor went to another row (or the screen changed): what was drawn so far is a line of its own.
                EndLine();
                break;
            case (byte)'G' when first:
                // Back to the first column: like a carriage return, what follows redraws the line.
                _carriageReturn = true;
                break;
            case (byte)'K' when _carriageReturn || (_parameters.Count == 1 && _parameters[0] == (byte)'2'):
                // The line erased (a spinner or progress line cleared): nothing of it stays.
                _length = 0;
                break;
        }
    }

    private void EndLine()
    {
        _carriageReturn = false;
        if (_length > 0)
        {
            Add((byte)'\n');
            Pass();
        }
    }

    private void Take(byte b)
    {
        switch (_state)
        {
            case State.Escape:
                _state = b switch
                {
                    (byte)'[' => StartCsi(),
                    (byte)']' or (byte)'P' or (byte)'^' or (byte)'_' or (byte)'X' => State.StringBody,
                    (byte)'(' or (byte)')' or (byte)'*' or (byte)'+' or (byte)'#' or (byte)'%' => State.Charset,
                    _ => State.Text,
                };
                return;
            case State.Csi:
                if (b is >= 0x40 and <= 0x7E)
                {
                    _state = State.Text;
                    Control(b);
                }
                else if (_parameters.Count < 16)
                {
                    _parameters.Add(b);
                }

                return;
            case State.StringBody:
                _state = b == Bel ? State.Text : b == Esc ? State.StringEscape : State.StringBody;
                return;
            case State.StringEscape:
                _state = b == (byte)'\\' ? State.Text : State.StringBody;
                return;
            case State.Charset:
                _state = State.Text;
                return;
        }

        switch (b)
        {
            case Esc:
                _state = State.Escape;
                return;
            case (byte)'\r':
                _carriageReturn = true;
                return;
            case (byte)'\n':
                _carriageReturn = false;
                Add(b);
                Pass();
                return;
            case 0x08:
                // Backspace: one character back (a UTF-8 character may be several bytes).
                while (_length > 0 && (_line[_length - 1] & 0xC0) == 0x80)
                {
                    _length--;
                }

                _length = Math.Max(0, _length - 1);
                return;
            case < 0x20 and not (byte)'\t':
            case 0x7F:
                return;
        }

        if (_carriageReturn)
        {
            // Text after a bare carriage return redraws the line: the last drawing is what stayed on screen.
            _length = 0;
            _carriageReturn = false;
        }

        Add(b);
    }

    /// <summary>Appends a byte; a line that fills the buffer without ending is passed on as it is.</summary>
    private void Add(byte b)
    {
        _line[_length++] = b;
        if (_length == MaxLine)
        {
            Pass();
        }
    }

    private void Pass()
    {
        next.Write(_line.AsSpan(0, _length));
        _length = 0;
    }
}
