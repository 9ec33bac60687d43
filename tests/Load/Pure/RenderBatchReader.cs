using System.Buffers.Binary;
using System.Text;

namespace Portal.Load;

/// <summary>One frame of a render batch: the fields the browser reads, by frame type (others are zero or null).</summary>
public sealed record BatchFrame(int Index, int Type, int SubtreeLength, string? Name, string? Value, ulong EventHandlerId)
{
    public const int Element = 1, Text = 2, Attribute = 3, Component = 4, Region = 5, Markup = 8;
}

/// <summary>An element with its own attributes (the attribute frames that directly follow it), and the component whose diff sent it.</summary>
public sealed record BatchElement(BatchFrame Frame, IReadOnlyList<BatchFrame> Attributes, int ComponentId)
{
    public string? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name)?.Value;

    /// <summary>The event handler id of <c>on{eventName}</c>, or 0 when the element does not listen for it.</summary>
    public ulong Handler(string eventName) =>
        Attributes.FirstOrDefault(a => a.Name == "on" + eventName && a.EventHandlerId != 0)?.EventHandlerId ?? 0;
}

/// <summary>
/// Decodes the binary render batch Blazor Server sends the browser (JS.RenderBatch) just far enough to find
/// elements and their event handler ids: the harness has no DOM, so it learns which id belongs to the search box
/// from the frames, the way the browser's renderer attaches listeners. Layout (all little-endian): four
/// arrays (updated components, reference frames, disposed component ids, disposed event handler ids), a
/// string table, and five int32 offsets at the very end. Frames are 20 bytes: type, then 16 type-specific bytes.
/// </summary>
public sealed class RenderBatchReader
{
    private const int FrameSize = 20;
    private const int EditSize = 16;
    private const int PrependFrame = 1, SetAttribute = 3;

    private readonly byte[] _data;
    private readonly int _stringTable;

    public IReadOnlyList<BatchFrame> Frames { get; }
    public IReadOnlyList<ulong> DisposedEventHandlerIds { get; }
    public IReadOnlyList<int> UpdatedComponentIds { get; }

    /// <summary>For each reference frame, the component whose diff pointed at it (or -1).</summary>
    private readonly int[] _owner;

    public RenderBatchReader(byte[] data)
    {
        if (data.Length < 20)
        {
            throw new FormatException($"A render batch has at least 20 bytes of offsets; this one has {data.Length}.");
        }

        _data = data;
        var end = data.Length;
        var updatedComponents = Int(end - 20);
        var referenceFrames = Int(end - 16);
        var disposedHandlers = Int(end - 8);
        _stringTable = Int(end - 4);

        var frameCount = Count(referenceFrames, FrameSize);
        var frames = new BatchFrame[frameCount];
        for (var i = 0; i < frameCount; i++)
        {
            frames[i] = ReadFrame(i, referenceFrames + 4 + i * FrameSize);
        }

        Frames = frames;

        var handlerCount = Count(disposedHandlers, 8);
        var disposed = new ulong[handlerCount];
        for (var i = 0; i < handlerCount; i++)
        {
            disposed[i] = BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(disposedHandlers + 4 + i * 8, 8));
        }

        DisposedEventHandlerIds = disposed;

        _owner = new int[frameCount];
        Array.Fill(_owner, -1);
        var diffCount = Count(updatedComponents, 4);
        var components = new List<int>(diffCount);
        for (var d = 0; d < diffCount; d++)
        {
            var diff = Int(updatedComponents + 4 + d * 4);
            var componentId = Int(diff);
            components.Add(componentId);
            var editCount = Int(diff + 4);
            Check(diff + 8, (long)editCount * EditSize);
            for (var e = 0; e < editCount; e++)
            {
                var edit = diff + 8 + e * EditSize;
                var type = Int(edit);
                if (type is not (PrependFrame or SetAttribute))
                {
                    continue;
                }

                var reference = Int(edit + 8);
                if (reference < 0 || reference >= frameCount)
                {
                    throw new FormatException($"Edit {e} of component {componentId} points at frame {reference} of {frameCount}.");
                }

                var length = frames[reference].Type is BatchFrame.Element or BatchFrame.Component or BatchFrame.Region
                    ? Math.Max(1, frames[reference].SubtreeLength) : 1;
                for (var f = reference; f < Math.Min(frameCount, reference + length); f++)
                {
                    _owner[f] = componentId;
                }
            }
        }

        UpdatedComponentIds = components;
    }

    /// <summary>Every element among the reference frames, in tree order.</summary>
    public IEnumerable<BatchElement> Elements()
    {
        for (var i = 0; i < Frames.Count; i++)
        {
            if (Frames[i].Type != BatchFrame.Element)
            {
                continue;
            }

            var attributes = new List<BatchFrame>();
            for (var j = i + 1; j < Frames.Count && Frames[j].Type == BatchFrame.Attribute; j++)
            {
                attributes.Add(Frames[j]);
            }

            yield return new BatchElement(Frames[i], attributes, _owner[i]);
        }
    }

    /// <summary>
    /// The handler of <c>on{eventName}</c> on the first <paramref name="elementName"/> at or after the element that
    /// carries <paramref name="markerAttribute"/>=<paramref name="markerValue"/> and before the next element carrying
    /// another value: a component library may put a test id on the input itself or on an outer element, with the
    /// listener on an input inside, often rendered by a child component whose frames follow.
    /// </summary>
    public (ulong HandlerId, int ComponentId)? FindHandler(string markerAttribute, string markerValue, string elementName, string eventName)
    {
        var seenMarker = false;
        foreach (var element in Elements())
        {
            // From the marked element on, up to the next element marked otherwise (the next field's test id).
            if (element.Attribute(markerAttribute) is { } marker)
            {
                seenMarker = marker == markerValue;
            }

            if (seenMarker && element.Frame.Name == elementName && element.Handler(eventName) is var id and not 0)
            {
                return (id, element.ComponentId);
            }
        }

        return null;
    }

    /// <summary>
    /// After a re-render disposed a handler: the <c>on{eventName}</c> attribute this batch set last in the same
    /// component and did not dispose again (a lambda recreated on render gets a new id each time, and a component
    /// can render twice in one batch).
    /// </summary>
    public ulong? Replacement(int componentId, string eventName)
    {
        var candidates = Frames
            .Where(f => f.Type == BatchFrame.Attribute && f.Name == "on" + eventName && f.EventHandlerId != 0 && _owner[f.Index] == componentId
                        && !DisposedEventHandlerIds.Contains(f.EventHandlerId))
            .Select(f => f.EventHandlerId).ToList();
        return candidates.Count > 0 ? candidates.Max() : null;
    }

    private BatchFrame ReadFrame(int index, int at)
    {
        var type = Int(at);
        return type switch
        {
            BatchFrame.Element => new BatchFrame(index, type, Int(at + 4), String(Int(at + 8)), null, 0),
            BatchFrame.Attribute => new BatchFrame(index, type, 0, String(Int(at + 4)), String(Int(at + 8)),
                BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(at + 12, 8))),
            BatchFrame.Component => new BatchFrame(index, type, Int(at + 4), null, null, 0),
            BatchFrame.Region => new BatchFrame(index, type, Int(at + 4), null, null, 0),
            BatchFrame.Text or BatchFrame.Markup => new BatchFrame(index, type, 0, null, String(Int(at + 4)), 0),
            _ => new BatchFrame(index, type, 0, null, null, 0),
        };
    }

    private int Count(int at, int entrySize)
    {
        var count = Int(at);
        if (count < 0)
        {
            throw new FormatException($"Negative count {count} at byte {at}.");
        }

        Check(at + 4, (long)count * entrySize);
        return count;
    }

    private void Check(int at, long length)
    {
        if (at < 0 || at + length > _data.Length)
        {
            throw new FormatException($"{length} bytes at {at} run past the batch's {_data.Length} bytes.");
        }
    }

    private int Int(int at)
    {
        Check(at, 4);
        return BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(at, 4));
    }

    private string? String(int index)
    {
        if (index == -1)
        {
            return null;
        }

        var at = Int(_stringTable + index * 4);
        // BinaryWriter's length prefix: 7 bits a byte, low bits first.
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            Check(at, 1);
            b = _data[at++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0 && shift < 35);

        Check(at, length);
        return Encoding.UTF8.GetString(_data, at, length);
    }
}
