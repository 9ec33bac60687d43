using Portal.Domain.Incidents;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;

namespace Portal.Tests.Unit.Domain.Incidents;

public class EarlierDetectionTests
{
    private const long Minute = 60_000;
    private const int Weeks = 4;
    private static readonly long HistoryEnd = Weeks * 7 * 24 * 60 * Minute;

    /// <summary>The incident window: the value climbs 1, 2, ..., 10, one per minute.</summary>
    private static BacktestInput Window(double threshold = 6.5, int forMinutes = 0) => Input(
        Enumerable.Range(0, 10).Select(i => new Sample(i * Minute, i + 1)).ToList(), threshold, forMinutes, 9 * Minute);

    /// <summary>
    /// Four weeks of one sample a minute, all 1 but for two one-minute spikes to 8 (the rule in force fires on them), two to 5 and
    /// four to 4, so at 4.5 two more alerts and at 3.5 six more fire.
    /// </summary>
    private static BacktestInput History(double threshold = 6.5, int forMinutes = 0)
    {
        var spikes = new Dictionary<long, double>
        {
            [1_000] = 8, [20_000] = 8, [5_000] = 5, [9_000] = 5, [12_000] = 4, [15_000] = 4, [30_000] = 4, [35_000] = 4,
        };
        var steps = HistoryEnd / Minute + 1;
        var samples = new List<Sample>((int)steps);
        for (var i = 0L; i < steps; i++)
        {
            samples.Add(new Sample(i * Minute, spikes.GetValueOrDefault(i, 1)));
        }

        return Input(samples, threshold, forMinutes, HistoryEnd);
    }

    private static BacktestInput Input(List<Sample> samples, double threshold, int forMinutes, long endMs) => new()
    {
        Series = [new BacktestSeries(LabelMap.Of(("instance", "api-1")), samples)],
        Operator = TokenKind.Gtr,
        Threshold = threshold,
        For = TimeSpan.FromMinutes(forMinutes),
        Interval = TimeSpan.FromMinutes(1),
        StartMs = 0,
        EndMs = endMs,
    };

    [Fact]
    public void Evaluate_LowerThresholds_FireEarlierAtACountedCost()
    {
        var report = EarlierDetection.Evaluate(Window(), History(), [3.5, 4.5, 6.5, 8.5], [TimeSpan.Zero]);

        Assert.Null(report.Problem);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(6 * Minute), report.FiredAt);
        Assert.Equal(TimeSpan.FromDays(28), report.HistoryLookedAt);
        Assert.Equal([3.5, 4.5], report.Options.Select(o => o.Threshold));
        Assert.Equal([TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(2)], report.Options.Select(o => o.Earlier));
        Assert.Equal([1.5, 0.5], report.Options.Select(o => o.ExtraAlertsPerWeek));
        Assert.Equal("At 3.5 it would have fired 3 minutes earlier, at the cost of 1.5 more alerts a week over the last 28 days.",
            report.Options[0].Sentence);
    }

    [Fact]
    public void Evaluate_ShorterFor_IsNamedAndPricedAgainstTheRuleInForce()
    {
        // With for 2m the rule in force fires at minute 8 and never on the one-minute spikes of the history.
        var report = EarlierDetection.Evaluate(Window(forMinutes: 2), History(forMinutes: 2), [6.5], [TimeSpan.Zero, TimeSpan.FromMinutes(2)]);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(8 * Minute), report.FiredAt);
        var option = Assert.Single(report.Options);
        Assert.Equal(TimeSpan.Zero, option.For);
        Assert.Equal(TimeSpan.FromMinutes(2), option.Earlier);
        Assert.Equal(0.5, option.ExtraAlertsPerWeek);
        Assert.Equal("At 6.5 for 0s it would have fired 2 minutes earlier, at the cost of 0.5 more alerts a week over the last 28 days.",
            option.Sentence);
    }

    [Fact]
    public void Evaluate_EqualEarliness_CheaperFirst()
    {
        // Both first hold at minute 4 (value 5) and both let the history's two spikes to 5 through: a tie, broken by
        // staying nearer the threshold in force.
        var report = EarlierDetection.Evaluate(Window(), History(), [4.2, 4.9], [TimeSpan.Zero]);

        Assert.Equal([4.9, 4.2], report.Options.Select(o => o.Threshold));
        Assert.All(report.Options, o => Assert.Equal(TimeSpan.FromMinutes(2), o.Earlier));
        Assert.Equal([0.5, 0.5], report.Options.Select(o => o.ExtraAlertsPerWeek));
    }

    [Fact]
    public void Evaluate_NoExtraAlerts_SaysSo()
    {
        // 5.5 fires at minute 5, and the history has no value between 5.5 and 6.5.
        var option = Assert.Single(EarlierDetection.Evaluate(Window(), History(), [5.5], [TimeSpan.Zero]).Options);

        Assert.Equal("At 5.5 it would have fired 1 minute earlier, with no more alerts over the last 28 days.", option.Sentence);
    }

    [Fact]
    public void Evaluate_AtMostFiveOptions()
    {
        var report = EarlierDetection.Evaluate(Window(), History(), [0.5, 1.5, 2.5, 3.5, 4.5, 5.5], [TimeSpan.Zero]);

        Assert.Equal([0.5, 1.5, 2.5, 3.5, 4.5], report.Options.Select(o => o.Threshold));
    }

    [Fact]
    public void Evaluate_RuleInForceNeverFired_IsAProblem()
    {
        var report = EarlierDetection.Evaluate(Window(threshold: 50), History(threshold: 50), [3.5], [TimeSpan.Zero]);

        Assert.Null(report.FiredAt);
        Assert.Empty(report.Options);
        Assert.Contains("never fired", report.Problem);
    }

    [Fact]
    public void Evaluate_NoSeries_IsAProblem()
    {
        var report = EarlierDetection.Evaluate(Window() with { Series = [] }, History(), [3.5], [TimeSpan.Zero]);

        Assert.Contains("no series", report.Problem);
    }

    [Fact]
    public void Evaluate_NothingEarlier_IsAProblemWithTheFiringTime()
    {
        var report = EarlierDetection.Evaluate(Window(), History(), [8.5, 9.5], [TimeSpan.FromMinutes(1)]);

        Assert.NotNull(report.FiredAt);
        Assert.Empty(report.Options);
        Assert.Contains("would have fired earlier", report.Problem);
    }

    [Fact]
    public void Candidates_GreaterThan_StepsDownToTheLowestValueSeen()
    {
        Assert.Equal([0.46, 0.42, 0.38, 0.34, 0.3, 0.26, 0.22, 0.18, 0.14, 0.1],
            EarlierDetection.Candidates(TokenKind.Gtr, 0.5, [0.3, 0.9, double.NaN, 0.1]));
    }

    [Fact]
    public void Candidates_LessThan_StepsUpRoundedToTwoDigits()
    {
        Assert.Equal([210, 330, 440, 550, 670, 780, 890, 1000, 1100, 1200],
            EarlierDetection.Candidates(TokenKind.Lss, 100, [150, 1234, 50]));
    }

    [Fact]
    public void Candidates_RoundingCollisions_AreDeduplicated()
    {
        Assert.Equal([0.99, 0.98], EarlierDetection.Candidates(TokenKind.Gte, 1, [0.98]));
    }

    [Fact]
    public void Candidates_NoValueOnTheQuietSideOrEquality_None()
    {
        Assert.Empty(EarlierDetection.Candidates(TokenKind.Gtr, 0.5, [0.7, 0.9]));
        Assert.Empty(EarlierDetection.Candidates(TokenKind.Eql, 0.5, [0.1]));
    }

    [Fact]
    public void CandidateFors_NoneHalfAndCurrent() =>
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(150), TimeSpan.FromMinutes(5)], EarlierDetection.CandidateFors(TimeSpan.FromMinutes(5)));
}
