using System.Runtime.InteropServices;
using System.Text;

namespace Portal.Infrastructure.Caching;

/// <summary>
/// How a chunk is stored in Redis: binary (counts, labels as length-prefixed UTF-8, then the times and
/// the values copied as they lie in memory). JSON text took longer to write and to read back than
/// Prometheus took to compute the points (docs/decisions/0013-binary-range-cache.md). A new layout
/// needs a new <see cref="KeyPrefix"/>, so that entries in an old one are never misread.
/// </summary>
internal static class ChunkFormat
{
    // The arrays are copied in the machine's byte order, so the order is part of the key: a portal of
    // the other order finds nothing rather than garbage.
    public static readonly string KeyPrefix = BitConverter.IsLittleEndian ? "portal:range:v2:" : "portal:range:v2-be:";

    public static byte[] Encode(IReadOnlyList<CachedSeries> chunk)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8))
        {
            writer.Write(chunk.Count);
            foreach (var series in chunk)
            {
                writer.Write(series.Labels.Count);
                foreach (var (name, value) in series.Labels)
                {
                    writer.Write(name);
                    writer.Write(value);
                }

                writer.Write(series.Times.Length);
                writer.Write(MemoryMarshal.AsBytes(series.Times.AsSpan()));
                writer.Write(MemoryMarshal.AsBytes(series.Values.AsSpan()));
            }
        }

        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a whole chunk in this format.</exception>
    public static List<CachedSeries> Decode(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            var seriesCount = Count(reader, bytes.Length);
            var chunk = new List<CachedSeries>(seriesCount);
            for (var s = 0; s < seriesCount; s++)
            {
                var labelCount = Count(reader, bytes.Length);
                var labels = new Dictionary<string, string>(labelCount, StringComparer.Ordinal);
                for (var l = 0; l < labelCount; l++)
                {
                    labels[reader.ReadString()] = reader.ReadString();
                }

                var times = new long[Count(reader, bytes.Length / 16)];
                var values = new double[times.Length];
                ReadExactly(reader, MemoryMarshal.AsBytes(times.AsSpan()));
                ReadExactly(reader, MemoryMarshal.AsBytes(values.AsSpan()));

                chunk.Add(new CachedSeries(labels, times, values));
            }

            return reader.BaseStream.Position == bytes.Length ? chunk : throw new InvalidDataException("bytes after the last series");
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException("a truncated or foreign range cache entry", e);
        }
    }

    private static void ReadExactly(BinaryReader reader, Span<byte> into)
    {
        if (reader.Read(into) != into.Length)
        {
            throw new EndOfStreamException();
        }
    }

    // A count larger than the entry could hold is corruption; refuse it before allocating for it.
    private static int Count(BinaryReader reader, int most)
    {
        var count = reader.ReadInt32();
        return count >= 0 && count <= most ? count : throw new InvalidDataException($"count {count} outside 0..{most}");
    }
}
