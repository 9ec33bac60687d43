using System.Buffers;
using System.Globalization;
using System.Text;

namespace Portal.Domain.Runbooks;

/// <summary>
/// A text writer over a rented array. A runbook's HTML is written once and parsed once; as one string it would land on
/// the large-object heap at every render (a 100 KB runbook is ~400 KB of HTML) and bring full collections with it.
/// </summary>
internal sealed class PooledCharWriter : TextWriter
{
    private char[] _buffer;
    private int _length;

    public PooledCharWriter(int capacity)
        : base(CultureInfo.InvariantCulture) => _buffer = ArrayPool<char>.Shared.Rent(capacity);

    public override Encoding Encoding => Encoding.Unicode;

    public ReadOnlyMemory<char> Written => _buffer.AsMemory(0, _length);

    public override void Write(char value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    private void Reserve(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = larger;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }
}
