using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Redaction;

/// <summary>Streams bytes through a matcher, holding back only the bytes a match could still need.</summary>
internal sealed class RedactingSink(NeedleMatcher matcher, IOutputSink downstream) : IOutputSink
{
    private byte[] _work = [];
    private int _carry;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        if (_carry == 0)
        {
            var used = matcher.Process(chunk, final: false, downstream);
            Keep(chunk[used..]);
            return;
        }

        var total = _carry + chunk.Length;
        if (_work.Length < total)
        {
            Array.Resize(ref _work, Math.Max(total, _work.Length * 2));
        }

        chunk.CopyTo(_work.AsSpan(_carry));
        var consumed = matcher.Process(_work.AsSpan(0, total), final: false, downstream);
        _work.AsSpan(consumed, total - consumed).CopyTo(_work);
        _carry = total - consumed;
    }

    public void Complete()
    {
        if (_carry > 0)
        {
            _ = matcher.Process(_work.AsSpan(0, _carry), final: true, downstream);
            _carry = 0;
        }

        downstream.Complete();
    }

    private void Keep(ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty)
        {
            return;
        }

        if (_work.Length < rest.Length)
        {
            _work = new byte[Math.Max(rest.Length, 256)];
        }

        rest.CopyTo(_work);
        _carry = rest.Length;
    }
}
