using Portal.Domain.RuleFiles;

namespace Portal.Domain.Tuning;

/// <summary>The backtest of one series: its episodes, its state at every evaluation and its statistics.</summary>
public sealed record SeriesBacktest(
    LabelMap Labels,
    IReadOnlyList<AlertEpisode> Episodes,
    IReadOnlyList<AlertState> States,
    BacktestStatistics Statistics);
