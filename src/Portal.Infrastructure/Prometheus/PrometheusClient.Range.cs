using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Portal.Infrastructure.Prometheus;

/// <summary>
/// The query_range answer read from the stream as it arrives into sample lists: a week of samples is
/// megabytes of JSON with one string per value, and holding the whole body first cost as much as the parse.
/// Reading stops at the configured series and sample limits, so an answer of every series is refused
/// after its first few megabytes instead of being held whole.
/// </summary>
internal sealed partial class PrometheusClient
{
    private const int FirstBufferBytes = 64 * 1024;

    /// <summary>The series of a successful answer; null when Prometheus reports an error (the caller explains it).</summary>
    internal static RangeResult? ReadRange(ReadOnlySpan<byte> json, int maxSeries, RangeReadLimits? limits = null)
    {
        var reader = new RangeAnswerReader(maxSeries, limits ?? RangeReadLimits.Unbounded);
        reader.Feed(json, final: true);
        return reader.Result;
    }

    /// <summary>As <see cref="ReadRange(ReadOnlySpan{byte}, int, RangeReadLimits?)"/>, from a stream, holding only the token being read.</summary>
    internal static async Task<RangeResult?> ReadRangeAsync(Stream stream, int maxSeries, RangeReadLimits limits, CancellationToken ct)
    {
        var reader = new RangeAnswerReader(maxSeries, limits);
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // One token (a label value) fills the whole buffer: grow it, within the token limit.
                    if (buffer.Length >= limits.MaxTokenBytes)
                    {
                        throw new PrometheusException(PrometheusErrorKind.TooLarge,
                            $"The answer holds a single value longer than {limits.MaxTokenBytes:N0} bytes; narrow the query.");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limits.MaxTokenBytes));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), ct);
                filled += read;
                var consumed = reader.Feed(buffer.AsSpan(0, filled), final: read == 0);
                if (read == 0)
                {
                    return reader.Result;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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

    /// <summary>
    /// The matrix answer as a push parser: each buffer's tokens move it through root, data, result, series,
    /// metric and values, so no token has to stay in memory once read and the buffer can be refilled.
    /// </summary>
    private sealed class RangeAnswerReader(int keepSeries, RangeReadLimits limits)
    {
        private enum Frame { Root, Data, Result, Series, Metric, Values, Sample }

        private enum Slot { None, Status, Data, Result, Metric, Values, Other }

        private readonly Stack<Frame> _frames = new();
        private readonly List<RangeSeries> _series = [];
        private JsonReaderState _state;
        private bool _started;
        private bool _success;
        private int _skipDepth;
        private Slot _next;
        private string? _label;
        private int _total;
        private long _samples;
        private Dictionary<string, string>? _labels;
        private List<(DateTimeOffset, double)>? _values;
        private double? _time;
        private double? _value;

        public RangeResult? Result => _success ? new RangeResult(_series, _total) : null;

        /// <summary>Reads every whole token of <paramref name="data"/>; returns how many bytes were used (the rest comes again with more).</summary>
        public int Feed(ReadOnlySpan<byte> data, bool final)
        {
            var reader = new Utf8JsonReader(data, final, _state);
            while (reader.Read())
            {
                Take(ref reader);
            }

            _state = reader.CurrentState;
            if (final && (!_started || _frames.Count > 0))
            {
                throw new JsonException("The answer ended early.");
            }

            return (int)reader.BytesConsumed;
        }

        private void Take(ref Utf8JsonReader reader)
        {
            var token = reader.TokenType;
            if (_skipDepth > 0)
            {
                _skipDepth += token is JsonTokenType.StartObject or JsonTokenType.StartArray ? 1
                    : token is JsonTokenType.EndObject or JsonTokenType.EndArray ? -1 : 0;
                return;
            }

            switch (token)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Open(token == JsonTokenType.StartObject);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    Close();
                    break;
                case JsonTokenType.PropertyName:
                    Name(ref reader);
                    break;
                default:
                    Scalar(ref reader);
                    break;
            }
        }

        private void Open(bool isObject)
        {
            Frame? current = _frames.Count == 0 ? null : _frames.Peek();
            var slot = _next;
            _next = Slot.None;
            if (current is null)
            {
                if (_started || !isObject)
                {
                    throw Shape("The answer is not a JSON object.");
                }

                _started = true;
                _frames.Push(Frame.Root);
                return;
            }

            Frame? opened = (current, slot, isObject) switch
            {
                (Frame.Root, Slot.Data, true) => Frame.Data,
                (Frame.Data, Slot.Result, false) => Frame.Result,
                (Frame.Result, _, true) => Frame.Series,
                (Frame.Series, Slot.Metric, true) => Frame.Metric,
                (Frame.Series, Slot.Values, false) => Frame.Values,
                (Frame.Values, _, false) => Frame.Sample,
                (_, Slot.Data or Slot.Result or Slot.Metric or Slot.Values, _) or (Frame.Result or Frame.Values or Frame.Sample or Frame.Metric, _, _)
                    => throw Shape($"Unexpected {(isObject ? "object" : "array")} in the {current} of the answer."),
                _ => null,
            };
            if (opened is not { } frame)
            {
                _skipDepth = 1;
                return;
            }

            _frames.Push(frame);
            if (frame == Frame.Series)
            {
                StartSeries();
            }
            else if (frame == Frame.Sample)
            {
                (_time, _value) = (null, null);
            }
        }

        private void StartSeries()
        {
            if (++_total > limits.MaxSeries)
            {
                throw new PrometheusException(PrometheusErrorKind.TooLarge,
                    $"The query returns more than {limits.MaxSeries:N0} series; narrow the query (more label matchers, or an aggregation such as sum by (job)).");
            }

            // Series past the kept ones are counted (the user is told how many were cut) but not held.
            (_labels, _values) = _series.Count < keepSeries ? (new Dictionary<string, string>(StringComparer.Ordinal), new List<(DateTimeOffset, double)>()) : (null, null);
        }

        private void Close()
        {
            var frame = _frames.Pop();
            if (frame == Frame.Sample)
            {
                if (_time is not { } at || _value is not { } value)
                {
                    throw Shape("A sample is not a [time, \"value\"] pair.");
                }

                if (++_samples > limits.MaxSamples)
                {
                    throw new PrometheusException(PrometheusErrorKind.TooLarge,
                        $"The query returns more than {limits.MaxSamples:N0} samples ({_total:N0} series so far); narrow the query or the range.");
                }

                _values?.Add((FromSeconds(at), value));
            }
            else if (frame == Frame.Series && _labels is not null)
            {
                _series.Add(new RangeSeries(_labels, _values!));
            }
        }

        private void Name(ref Utf8JsonReader reader)
        {
            var frame = _frames.Peek();
            _next = frame switch
            {
                Frame.Root when reader.ValueTextEquals("status"u8) => Slot.Status,
                Frame.Root when reader.ValueTextEquals("data"u8) => Slot.Data,
                Frame.Data when reader.ValueTextEquals("result"u8) => Slot.Result,
                Frame.Series when reader.ValueTextEquals("metric"u8) => Slot.Metric,
                Frame.Series when reader.ValueTextEquals("values"u8) => Slot.Values,
                _ => Slot.Other,
            };
            if (frame == Frame.Metric && _labels is not null)
            {
                _label = reader.GetString();
            }
        }

        private void Scalar(ref Utf8JsonReader reader)
        {
            var slot = _next;
            _next = Slot.None;
            var frame = _frames.Count == 0 ? (Frame?)null : _frames.Peek();
            switch (frame, slot)
            {
                case (null, _):
                    throw Shape("The answer is not a JSON object.");
                case (Frame.Root, Slot.Status):
                    _success = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("success"u8);
                    break;
                case (_, Slot.Data or Slot.Result or Slot.Metric or Slot.Values) or (Frame.Result or Frame.Values, _):
                    throw Shape($"Unexpected {reader.TokenType} in the {frame} of the answer.");
                case (Frame.Metric, _):
                    if (_labels is not null)
                    {
                        _labels[_label!] = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? "" : "";
                    }

                    break;
                case (Frame.Sample, _) when reader.TokenType == JsonTokenType.Number && _time is null:
                    _time = reader.GetDouble();
                    break;
                case (Frame.Sample, _) when reader.TokenType == JsonTokenType.String && _time is not null && _value is null:
                    // A cut series' values are counted, not parsed.
                    _value = _values is null ? 0 : Value(ref reader);
                    break;
                case (Frame.Sample, _):
                    throw Shape("A sample is not a [time, \"value\"] pair.");
            }
        }

        private static JsonException Shape(string message) => new(message);
    }
}
