using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

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
