using System.Text;
using Portal.Load;

namespace Portal.Tests.Unit.Load;

public class RenderBatchReaderTests
{
    [Fact]
    public void FindHandler_InputInsideTheTestIdElement_GivesItsHandlerAndComponent()
    {
        var batch = new BatchBuilder();
        // An earlier, unrelated input elsewhere on the page must not be taken.
        var other = batch.Element("input", subtreeLength: 2);
        batch.Handler("onchange", 9);
        batch.Diff(3, (1, 0, other));
        // <div data-testid="filter-text"><input class="x" onchange=42 oninput=43 /></div>, prepended by component 7
        var div = batch.Element("div", subtreeLength: 5);
        batch.Attribute("data-testid", "filter-text");
        batch.Element("input", subtreeLength: 4);
        batch.Attribute("class", "x");
        batch.Handler("onchange", 42);
        batch.Handler("oninput", 43);
        batch.Diff(7, (1, 0, div));

        var reader = new RenderBatchReader(batch.Build());

        Assert.Equal(((ulong)42, 7), reader.FindHandler("data-testid", "filter-text", "input", "change"));
        Assert.Equal(((ulong)43, 7), reader.FindHandler("data-testid", "filter-text", "input", "input"));
        Assert.Null(reader.FindHandler("data-testid", "tuning-threshold", "input", "change"));
        Assert.Equal([3, 7], reader.UpdatedComponentIds);
    }

    [Fact]
    public void Replacement_HandlerDisposedAndSetAgainInTheSameComponent_IsTheNewId()
    {
        var batch = new BatchBuilder();
        var attribute = batch.Handler("onchange", 77);
        batch.Diff(7, (3, 1, attribute));  // SetAttribute
        var elsewhere = batch.Handler("onchange", 78);
        batch.Diff(8, (3, 0, elsewhere));
        batch.DisposedHandlers.Add(42);

        var reader = new RenderBatchReader(batch.Build());

        Assert.Equal([(ulong)42], reader.DisposedEventHandlerIds);
        Assert.Equal((ulong)77, reader.Replacement(7, "change"));
        Assert.Null(reader.Replacement(9, "change"));
        Assert.Null(reader.Replacement(7, "input"));
    }

    [Fact]
    public void Replacement_ComponentRenderedTwiceInOneBatch_IsTheLatestLiveId()
    {
        var batch = new BatchBuilder();
        var first = batch.Handler("oninput", 60);
        batch.Diff(169, (3, 0, first));
        var second = batch.Handler("oninput", 61);
        batch.Diff(169, (3, 0, second));
        batch.DisposedHandlers.AddRange([55, 60]);

        Assert.Equal((ulong)61, new RenderBatchReader(batch.Build()).Replacement(169, "input"));
    }

    [Fact]
    public void Strings_NonAsciiAndNullValues_Decode()
    {
        var batch = new BatchBuilder();
        var element = batch.Element("span", subtreeLength: 3);
        batch.Attribute("title", "Größe ✓");
        batch.Attribute("hidden", null);
        batch.Diff(1, (1, 0, element));

        var span = Assert.Single(new RenderBatchReader(batch.Build()).Elements());

        Assert.Equal("span", span.Frame.Name);
        Assert.Equal("Größe ✓", span.Attribute("title"));
        Assert.Null(span.Attribute("hidden"));
        Assert.Equal(1, span.ComponentId);
    }

    [Fact]
    public void Constructor_TruncatedOrLyingBatch_ThrowsFormatException()
    {
        var batch = new BatchBuilder();
        var element = batch.Element("div", subtreeLength: 1);
        batch.Diff(1, (1, 0, element));
        var data = batch.Build();

        Assert.Throws<FormatException>(() => new RenderBatchReader(data[..10]));
        // The reference-frame count claims a million frames.
        var lying = (byte[])data.Clone();
        var framesAt = BitConverter.ToInt32(lying, lying.Length - 16);
        BitConverter.GetBytes(1_000_000).CopyTo(lying, framesAt);
        Assert.Throws<FormatException>(() => new RenderBatchReader(lying));
    }

    /// <summary>Writes the render batch layout Blazor Server sends (the reader's documented format), frame by frame.</summary>
    private sealed class BatchBuilder
    {
        private readonly List<(int Type, int A, int B, ulong Handler)> _frames = [];
        private readonly List<(int Component, (int Type, int Sibling, int Frame)[] Edits)> _diffs = [];
        private readonly List<string> _strings = [];
        public List<ulong> DisposedHandlers { get; } = [];

        public int Element(string name, int subtreeLength) => Add((1, subtreeLength, String(name), 0));
        public int Attribute(string name, string? value) => Add((3, String(name), value is null ? -1 : String(value), 0));
        public int Handler(string name, ulong id) => Add((3, String(name), -1, id));
        public void Diff(int component, params (int Type, int Sibling, int Frame)[] edits) => _diffs.Add((component, edits));

        private int Add((int, int, int, ulong) frame)
        {
            _frames.Add(frame);
            return _frames.Count - 1;
        }

        private int String(string value)
        {
            _strings.Add(value);
            return _strings.Count - 1;
        }

        public byte[] Build()
        {
            using var stream = new MemoryStream();
            using var w = new BinaryWriter(stream, Encoding.UTF8);
            var diffPositions = new List<int>();
            foreach (var (component, edits) in _diffs)
            {
                diffPositions.Add((int)stream.Position);
                w.Write(component);
                w.Write(edits.Length);
                foreach (var (type, sibling, frame) in edits)
                {
                    w.Write(type);
                    w.Write(sibling);
                    w.Write(frame);
                    w.Write(-1);
                }
            }

            var updated = (int)stream.Position;
            w.Write(diffPositions.Count);
            diffPositions.ForEach(w.Write);

            var frames = (int)stream.Position;
            w.Write(_frames.Count);
            foreach (var (type, a, b, handler) in _frames)
            {
                w.Write(type);
                w.Write(a);
                w.Write(b);
                w.Write(handler);
            }

            var disposedComponents = (int)stream.Position;
            w.Write(0);
            var disposedHandlers = (int)stream.Position;
            w.Write(DisposedHandlers.Count);
            DisposedHandlers.ForEach(w.Write);

            var locations = new List<int>();
            foreach (var s in _strings)
            {
                locations.Add((int)stream.Position);
                w.Write(s);
            }

            var table = (int)stream.Position;
            locations.ForEach(w.Write);
            w.Write(updated);
            w.Write(frames);
            w.Write(disposedComponents);
            w.Write(disposedHandlers);
            w.Write(table);
            w.Flush();
            return stream.ToArray();
        }
    }
}
