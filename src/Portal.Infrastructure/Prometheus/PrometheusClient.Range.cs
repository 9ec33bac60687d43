using System.Globalization;
using System.Text.Json;

namespace Portal.Infrastructure.Prometheus;

/// <summary>
/// The query_range answer read straight from its bytes into sample lists: a week of samples is megabytes
/// of JSON with one string per value, and building a document of it first cost as much as the parse.
/// </summary>
internal sealed partial class PrometheusClient
{
    /// <summary>The series of a successful answer; null when Prometheus reports an error (the caller explains it).</summary>
    internal static RangeResult? ReadRange(ReadOnlySpan<byte> json, int maxSeries)
    {
        var reader = new Utf8JsonReader(json);
        Next(ref reader, JsonTokenType.StartObject);
        var success = false;
        RangeResult? result = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("status"u8))
            {
                Next(ref reader);
                success = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("success"u8);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                Next(ref reader, JsonTokenType.StartObject);
                result = ReadData(ref reader, maxSeries);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return success ? result ?? new RangeResult([], 0) : null;
    }

    private static RangeResult ReadData(ref Utf8JsonReader reader, int maxSeries)
    {
        var series = new List<RangeSeries>();
        var total = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("result"u8))
            {
                Next(ref reader);
                reader.Skip();
                continue;
            }

            Next(ref reader, JsonTokenType.StartArray);
            while (Next(ref reader) == JsonTokenType.StartObject)
            {
                total++;
                if (series.Count < maxSeries)
                {
                    series.Add(ReadSeries(ref reader));
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return new RangeResult(series, total);
    }

    private static RangeSeries ReadSeries(ref Utf8JsonReader reader)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<(DateTimeOffset, double)>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("metric"u8))
            {
                Next(ref reader, JsonTokenType.StartObject);
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    Next(ref reader);
                    labels[name] = reader.GetString() ?? "";
                }
            }
            else if (reader.ValueTextEquals("values"u8))
            {
                Next(ref reader, JsonTokenType.StartArray);
                while (Next(ref reader) == JsonTokenType.StartArray)
                {
                    Next(ref reader, JsonTokenType.Number);
                    var at = FromSeconds(reader.GetDouble());
                    Next(ref reader, JsonTokenType.String);
                    samples.Add((at, Value(ref reader)));
                    Next(ref reader, JsonTokenType.EndArray);
                }
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return new RangeSeries(labels, samples);
    }

    /// <summary>A sample value from its UTF-8 text, without making a string of it (NaN and ±Inf as Prometheus spells them).</summary>
    private static double Value(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return ParseValue(reader.GetString());
        }

        var text = reader.ValueSpan;
        return text.SequenceEqual("NaN"u8) ? double.NaN
            : text.SequenceEqual("+Inf"u8) ? double.PositiveInfinity
            : text.SequenceEqual("-Inf"u8) ? double.NegativeInfinity
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader, JsonTokenType? expected = null)
    {
        if (!reader.Read())
        {
            throw new JsonException("The answer ended early.");
        }

        if (expected is { } token && reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} at byte {reader.TokenStartIndex}, found {reader.TokenType}.");
        }

        return reader.TokenType;
    }
}
