using System.Text;
using Microsoft.JSInterop;

namespace Portal.Tests.Unit.Fakes;

/// <summary>A browser's stream as .NET receives it (what <c>DotNet.createJSStreamReference</c> sends), holding <paramref name="text"/>.</summary>
internal sealed class FakeJSStream(string text) : IJSStreamReference
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

    public long Length => _bytes.Length;

    public bool Opened { get; private set; }

    public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
    {
        // As Blazor's own: a stream longer than the caller allows is refused, not cut.
        if (Length > maxAllowedSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAllowedSize), $"The stream is {Length} bytes, more than {maxAllowedSize}.");
        }

        Opened = true;
        return ValueTask.FromResult<Stream>(new MemoryStream(_bytes, writable: false));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
