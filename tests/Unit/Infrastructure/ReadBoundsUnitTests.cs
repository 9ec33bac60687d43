using Portal.Api.V1;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Unit.Infrastructure;

/// <summary>The checks behind bounded reads that need no server: backtest windows, proxy parameters, target roots.</summary>
public class ReadBoundsUnitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static string[] WindowFields(TuningApiRequest request) =>
        TuningEndpoints.Window(request, Now, out _, out _)?.Select(e => e.Field).ToArray() ?? [];

    [Fact]
    public void Window_EndingInYearOne_IsRefusedAtEnd_WithoutDateArithmetic() =>
        Assert.Equal(["end"], WindowFields(new TuningApiRequest { Expr = "up > 1", Range = "7d", End = DateTimeOffset.MinValue }));

    [Fact]
    public void Window_EndingFarInTheFuture_IsRefusedAtEnd() =>
        Assert.Equal(["end"], WindowFields(new TuningApiRequest { Expr = "up > 1", Range = "1h", End = DateTimeOffset.MaxValue }));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1)]
    public void Window_WithABudgetThatIsNoCount_IsRefusedAtBudget(double budget) =>
        Assert.Equal(["budget"], WindowFields(new TuningApiRequest { Expr = "up > 1", Range = "1h", Budget = budget }));

    [Fact]
    public void Window_OfAnHourBeforeEnd_StartsAnHourBefore()
    {
        Assert.Null(TuningEndpoints.Window(new TuningApiRequest { Expr = "up > 1", Range = "1h" }, Now, out var start, out var end));

        Assert.Equal((Now.AddHours(-1), Now), (start, end));
    }

    [Theory]
    [InlineData("start", "not-a-time")]
    [InlineData("end", "1e300")]
    [InlineData("end", "NaN")]
    [InlineData("limit", "-5")]
    public void ProxyCheck_RefusesAnInsaneParameter_AtItsField(string name, string value)
    {
        var refusal = PrometheusMetadataProxy.Check([new(name, value)]);

        Assert.Equal(name, refusal?.Field);
    }

    [Fact]
    public void ProxyCheck_AcceptsUnixSecondsAndRfc3339_InOrder() =>
        Assert.Null(PrometheusMetadataProxy.Check([new("start", "1700000000.5"), new("end", "2026-01-01T00:00:00Z"), new("match[]", "up"), new("limit", "10")]));

    [Fact]
    public void ProxyCheck_AStartAfterItsEnd_IsRefusedAtStart() =>
        Assert.Equal("start", PrometheusMetadataProxy.Check([new("start", "2000"), new("end", "1000")])?.Field);

    [Fact]
    public void ProxyLimited_CapsTheCallersLimit_AndAddsOneWhenThereIsNone()
    {
        var proxy = new PrometheusMetadataProxy(null!, Microsoft.Extensions.Options.Options.Create(new PrometheusOptions { MetadataLimit = 100 }));

        Assert.Equal("100", proxy.Limited([new("limit", "0")]).Single(p => p.Key == "limit").Value);
        Assert.Equal("100", proxy.Limited([new("limit", "100000")]).Single(p => p.Key == "limit").Value);
        Assert.Equal("7", proxy.Limited([new("limit", "7")]).Single(p => p.Key == "limit").Value);
        Assert.Equal("100", proxy.Limited([new("match[]", "up")]).Single(p => p.Key == "limit").Value);
    }

    [Fact]
    public async Task ProxyReadAtMost_StopsAfterTheLimit()
    {
        using var big = new MemoryStream(new byte[300_000]);
        using var small = new MemoryStream(new byte[1000]);

        Assert.Null(await PrometheusMetadataProxy.ReadAtMostAsync(big, 100_000, default));
        Assert.Equal(1000, (await PrometheusMetadataProxy.ReadAtMostAsync(small, 100_000, default))!.Value.Length);
    }

    [Fact]
    public void TargetRoots_JudgeRealPaths_NotSpellings()
    {
        var home = Directory.CreateTempSubdirectory("roots-");
        try
        {
            var root = Directory.CreateDirectory(Path.Combine(home.FullName, "root")).FullName;
            var inside = Directory.CreateDirectory(Path.Combine(root, "team")).FullName;
            var outside = Directory.CreateDirectory(Path.Combine(home.FullName, "elsewhere")).FullName;
            var escape = Path.Combine(root, "escape");
            Directory.CreateSymbolicLink(escape, outside);
            var back = Path.Combine(outside, "back");
            Directory.CreateSymbolicLink(back, inside);
            var loop = Path.Combine(root, "loop");
            Directory.CreateSymbolicLink(loop, loop);

            Assert.True(TargetRoots.Allows([root], inside));
            Assert.True(TargetRoots.Allows([root], root));
            Assert.True(TargetRoots.Allows([root], back));
            Assert.False(TargetRoots.Allows([root], outside));
            Assert.False(TargetRoots.Allows([root], escape));
            Assert.False(TargetRoots.Allows([root], Path.Combine(root, "..", "elsewhere")));
            // ".." after a link climbs from where the link leads, as the kernel resolves it.
            Assert.False(TargetRoots.Allows([root], Path.Combine(escape, "..", "root", "..", "elsewhere")));
            Assert.False(TargetRoots.Allows([root], root + "-sibling"));
            Assert.False(TargetRoots.Allows([root], loop));
            Assert.False(TargetRoots.Allows([root], "relative/dir"));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("up > NaN")]
    [InlineData("up > Inf")]
    [InlineData("up <= -Inf")]
    public void TuningTarget_WithANonFiniteThreshold_IsNoTarget(string expression)
    {
        var (target, problem) = Portal.Infrastructure.Tuning.TuningTarget.FromExpression("x", expression, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1), null);

        Assert.Null(target);
        Assert.Contains("finite", problem);
    }

    [Fact]
    public void Sweep_OverValuesSpanningTheWholeDoubleRange_HasOnlyFiniteThresholds()
    {
        var series = new BacktestSeries(Portal.Domain.RuleFiles.LabelMap.From(new Dictionary<string, string> { ["k"] = "v" }),
            [new Sample(0, -double.MaxValue), new Sample(60_000, double.MaxValue), new Sample(120_000, 0)]);
        var input = new BacktestInput
        {
            Series = [series],
            Operator = Portal.Domain.PromQl.TokenKind.Gtr,
            Threshold = 1,
            Interval = TimeSpan.FromMinutes(1),
            StartMs = 0,
            EndMs = 120_000,
        };

        var sweep = ThresholdSweep.Run(input);

        Assert.All(sweep.Points, p => Assert.True(double.IsFinite(p.Threshold), $"{p.Threshold}"));
    }
}
