using Portal.Domain.Capacity;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;

namespace Portal.Tests.Unit.Domain.Capacity;

public class CapacityJudgingTests
{
    private const double MiB = 1024 * 1024;

    private static readonly MemoryBudgetSpec FourGigabytes = new("4 GB host", CapacityLimit.Fixed(4096 * MiB), 640 * MiB,
    [
        new MemoryBudgetComponent("backend", "a", 500 * MiB),
        new MemoryBudgetComponent("postgres", "b", 800 * MiB),
        new MemoryBudgetComponent("redis", "c", 300 * MiB),
    ]);

    [Fact]
    public void Budget_FlagsTheComponentOverItsBudget_AndComputesWhatIsLeft()
    {
        var view = CapacityJudging.Budget(FourGigabytes, Measured.Of(4096 * MiB),
            [Measured.Of(320 * MiB), Measured.Of(900 * MiB), Measured.Of(230 * MiB)]);

        Assert.Equal([false, true, false], view.Components.Select(c => c.OverBudget));
        Assert.Equal((4096 - 640 - 320 - 900 - 230) * MiB, view.FreeBytes!.Value, 3);
        Assert.Null(view.Problem);
    }

    [Fact]
    public void Budget_AFailedComponent_KeepsItsProblem_AndTheOthersAreStillJudged()
    {
        var view = CapacityJudging.Budget(FourGigabytes, Measured.Of(4096 * MiB),
            [Measured.Failed("bad query"), Measured.Of(100 * MiB), new Measured(null)]);

        Assert.Equal("bad query", view.Components[0].Problem);
        Assert.Null(view.Components[0].UsedBytes);
        Assert.Equal(100 * MiB, view.Components[1].UsedBytes);
        Assert.NotNull(view.Components[2].Problem);
    }

    [Fact]
    public void Budget_WithoutTotal_HasAProblemAndNoFreeBytes()
    {
        var view = CapacityJudging.Budget(FourGigabytes, new Measured(null), [Measured.Of(1), Measured.Of(1), Measured.Of(1)]);

        Assert.Null(view.FreeBytes);
        Assert.NotNull(view.Problem);
    }

    private static readonly ServiceBaselineSpec Crud = new("crud", "p95", 0.05, "rps", 1000);

    [Theory]
    [InlineData(0.030, 500, CapacityBand.Ok)]
    [InlineData(0.046, 500, CapacityBand.Warning)]
    [InlineData(0.051, 500, CapacityBand.Critical)]
    [InlineData(0.030, 1500, CapacityBand.Warning)]
    public void Baseline_LatencyAgainstTarget_AndLoadBeyondIt(double p95, double rps, CapacityBand expected) =>
        Assert.Equal(expected, CapacityJudging.Baseline(Crud, Measured.Of(p95), Measured.Of(rps)).Status);

    [Fact]
    public void Baseline_NoLatencyData_IsNoData_AFailedQueryAnError()
    {
        Assert.Equal(CapacityBand.NoData, CapacityJudging.Baseline(Crud, new Measured(null), Measured.Of(1)).Status);
        var failed = CapacityJudging.Baseline(Crud, Measured.Failed("parse error"), Measured.Of(1));
        Assert.Equal(CapacityBand.Error, failed.Status);
        Assert.Equal("parse error", failed.Problem);
    }

    [Fact]
    public void AlertDraft_IsADisabledWarningRule_OverTheWarningFraction()
    {
        var model = StarterCapacity.Set.Models.Single(m => m.Name == "PostgreSQL connections");

        var rule = CapacityAlertDraft.Create(model, "platform");

        Assert.Equal(RuleKind.Alerting, rule.Kind);
        Assert.Equal("PostgreSQLConnectionsNearLimit", rule.Name);
        Assert.Equal("(sum(pg_stat_activity_count)) / (max(pg_settings_max_connections)) > 0.75", rule.Expression);
        Assert.Equal(10 * 60 * 1000, rule.For!.Value.TotalMilliseconds);
        Assert.False(rule.Enabled);
        Assert.Equal("warning", rule.Labels["severity"]);
        Assert.Equal("platform", rule.Labels["team"]);
        Assert.Contains("PostgreSQL connections", rule.Annotations["summary"]);
        Assert.Contains("PostgreSQL connections", rule.Annotations["description"]);
        Assert.Empty(rule.Validate());
        Assert.Equal(0.75, rule.Threshold!.Threshold);
    }

    [Fact]
    public void AlertDraft_FixedLimit_IsANumber_AndEveryStarterModelGivesAValidRule()
    {
        var portal = StarterCapacity.Set.Models.Single(m => m.Name == "Portal process memory");

        Assert.Equal("(max(process_working_set_bytes{job=\"portal\"})) / 524288000 > 0.8", CapacityAlertDraft.Create(portal, "t").Expression);
        Assert.All(StarterCapacity.Set.Models, m => Assert.Empty(CapacityAlertDraft.Create(m, "team-a").Validate()));
    }

    [Theory]
    [InlineData("host memory", "HostMemoryNearLimit")]
    [InlineData("9 lives", "Capacity9LivesNearLimit")]
    [InlineData("{{ }}", "CapacityNearLimit")]
    public void AlertName_IsCamelCaseOfTheWords(string model, string expected) => Assert.Equal(expected, CapacityAlertDraft.AlertName(model));
}
