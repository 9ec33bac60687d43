using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Tuning;

/// <summary>One value of a series at one time, in Unix milliseconds.</summary>
public readonly record struct Sample(long TimestampMs, double Value);

/// <summary>
/// A series of the rule's query: the labels its alert would carry and its values at evaluation times.
/// A <c>__name__</c> label is dropped, as Prometheus drops it from alert labels.
/// </summary>
public sealed record BacktestSeries(LabelMap Labels, IReadOnlyList<Sample> Samples);

/// <summary>
/// What a backtest needs: the series, the rule's <c>query OP threshold</c> condition, its <c>for</c> and
/// <c>keep_firing_for</c>, and the evaluations to replay (<see cref="StartMs"/>, then every
/// <see cref="Interval"/> up to and including <see cref="EndMs"/>).
/// </summary>
/// <remarks>
/// Samples are the values Prometheus' instant query returns AT the evaluation times: every timestamp
/// inside the range must be an evaluation time, and a time without a sample means "the series was
/// absent", i.e. not holding. The 5-minute lookback is therefore the caller's job: a <c>query_range</c>
/// with step = interval has already applied it; raw samples go through <see cref="Lookback"/> first.
/// </remarks>
public sealed record BacktestInput
{
    public required IReadOnlyList<BacktestSeries> Series { get; init; }

    /// <summary>One of the six comparisons (<see cref="TokenKind.Gtr"/>, ..., <see cref="TokenKind.Neq"/>).</summary>
    public required TokenKind Operator { get; init; }

    public required double Threshold { get; init; }

    public TimeSpan For { get; init; }

    public TimeSpan KeepFiringFor { get; init; }

    /// <summary>The rule group's evaluation interval.</summary>
    public required TimeSpan Interval { get; init; }

    public required long StartMs { get; init; }

    public required long EndMs { get; init; }

    /// <summary>A firing episode that starts at most this long after the previous one resolved is a flap.</summary>
    public TimeSpan FlapGap { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The same input with another threshold (the sweep and the tuning slider use it).</summary>
    public BacktestInput WithThreshold(double threshold) => this with { Threshold = threshold };
}

/// <summary>The comparison operators of an alert condition, as <see cref="TokenKind"/>s.</summary>
public static class Comparisons
{
    public static bool IsComparison(TokenKind kind) => TokenKinds.IsComparison(kind);

    public static string Symbol(TokenKind kind) => TokenKinds.Symbol(kind);

    /// <summary>The operator for a symbol as the catalog stores it (<c>"&gt;"</c>, <c>"&lt;="</c>, ...).</summary>
    public static TokenKind FromSymbol(string symbol) => symbol switch
    {
        ">" => TokenKind.Gtr,
        ">=" => TokenKind.Gte,
        "<" => TokenKind.Lss,
        "<=" => TokenKind.Lte,
        "==" => TokenKind.Eql,
        "!=" => TokenKind.Neq,
        _ => throw new ArgumentException($"\"{symbol}\" is not a comparison operator.", nameof(symbol)),
    };

    /// <summary>
    /// Prometheus compares with Go's float operators, and so do these: NaN fails every comparison except
    /// <c>!=</c>, which it passes (a NaN sample makes <c>x != 5</c> hold).
    /// </summary>
    public static bool Holds(TokenKind op, double value, double threshold) => op switch
    {
        TokenKind.Gtr => value > threshold,
        TokenKind.Gte => value >= threshold,
        TokenKind.Lss => value < threshold,
        TokenKind.Lte => value <= threshold,
        TokenKind.Eql => value == threshold,
        TokenKind.Neq => value != threshold,
        _ => throw new ArgumentException($"{op} is not a comparison operator.", nameof(op)),
    };
}
