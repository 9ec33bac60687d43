using Portal.Infrastructure.Caching;

namespace Portal.Tests.Unit.Api;

public class ChunkFormatTests
{
    private static CachedSeries Series(string instance, long[] times, double[] values) =>
        new(new Dictionary<string, string> { ["__name__"] = "up", ["instance"] = instance }, times, values);

    [Fact]
    public void Decode_OfEncode_GivesBackLabelsTimesAndValues_NaNAndInfinitiesIncluded()
    {
        List<CachedSeries> chunk =
        [
            Series("host-ä:9100", [1_000, 2_000, 3_000, 4_000], [1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity]),
            Series("", [], []),
        ];

        var decoded = ChunkFormat.Decode(ChunkFormat.Encode(chunk));

        Assert.Equal(2, decoded.Count);
        for (var i = 0; i < chunk.Count; i++)
        {
            Assert.Equal(chunk[i].Labels, decoded[i].Labels);
            Assert.Equal(chunk[i].Times, decoded[i].Times);
            Assert.Equal(chunk[i].Values, decoded[i].Values);
        }
    }

    [Fact]
    public void Decode_OfAnEmptyChunk_IsEmpty() => Assert.Empty(ChunkFormat.Decode(ChunkFormat.Encode([])));

    [Fact]
    public void Decode_RefusesTruncatedExtendedAndForeignBytes()
    {
        var bytes = ChunkFormat.Encode([Series("a", [1_000, 2_000], [1, 2])]);

        Assert.Throws<InvalidDataException>(() => ChunkFormat.Decode(bytes[..^1]));
        Assert.Throws<InvalidDataException>(() => ChunkFormat.Decode([.. bytes, 0]));
        Assert.Throws<InvalidDataException>(() => ChunkFormat.Decode("[{\"Labels\":{}}]"u8.ToArray()));
    }

    [Fact]
    public void Slice_KeepsTheSamplesFromTheFirstToTheLastStepOfTheChunk_BothIncluded()
    {
        var at = (int seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);
        IReadOnlyList<CachedSeries> run =
        [
            Series("a", [10_000, 20_000, 30_000, 40_000, 50_000], [1, 2, 3, 4, 5]),
            Series("gap", [10_000, 50_000], [1, 5]),
        ];

        var chunk = QueryCache.Slice(run, at(20), at(40));

        var only = Assert.Single(chunk);
        Assert.Equal([20_000, 30_000, 40_000], only.Times);
        Assert.Equal([2.0, 3.0, 4.0], only.Values);
        Assert.Equal(2, QueryCache.Slice(run, at(0), at(15)).Count);
        Assert.Empty(QueryCache.Slice(run, at(60), at(90)));
    }
}
