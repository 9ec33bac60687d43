using Portal.Domain.Capacity;
using Portal.Domain.Catalog;
using Portal.Domain.PromQl;

namespace Portal.Tests.Unit.Domain.Capacity;

public class CapacityValidationTests
{
    private static readonly CapacityModelSpec Valid = new("Host memory", "max(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes)",
        CapacityLimit.FromQuery("max(node_memory_MemTotal_bytes)"), "bytes", 0.85, 0.94, [new CapacityMark("cliff", 0.9)])
    {
        RunbookSlug = "host-memory",
    };

    private static FieldError Single(CapacityModelSpec spec) => Assert.Single(CapacityValidation.Validate(spec));

    [Fact]
    public void Validate_AValidModel_HasNoErrors() => Assert.Empty(CapacityValidation.Validate(Valid));

    [Fact]
    public void Validate_EveryStarterModelBudgetAndBaseline_IsValid()
    {
        Assert.All(StarterCapacity.Set.Models, m => Assert.Empty(CapacityValidation.Validate(m)));
        Assert.All(StarterCapacity.Set.Budgets, b => Assert.Empty(CapacityValidation.Validate(b)));
        Assert.All(StarterCapacity.Set.Baselines, b => Assert.Empty(CapacityValidation.Validate(b)));
        Assert.Equal(6, StarterCapacity.Set.Models.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoName_IsRefusedAtName(string name) => Assert.Equal("name", Single(Valid with { Name = name }).Field);

    [Fact]
    public void Validate_OverlongName_IsRefusedAtName() =>
        Assert.Equal("name", Single(Valid with { Name = new string('x', CapacityValidation.MaxName + 1) }).Field);

    [Fact]
    public void Validate_BrokenUsageQuery_GivesTheFieldAndPosition()
    {
        var error = Single(Valid with { UsageQuery = "sum(rate(x[5m])" });

        Assert.Equal("usageQuery", error.Field);
        Assert.Equal(new Position(1, 16), error.Position);
    }

    [Fact]
    public void Validate_BrokenLimitQuery_GivesTheLimitFieldAndPosition()
    {
        var error = Single(Valid with { Limit = CapacityLimit.FromQuery("max(\n  foo{)") });

        Assert.Equal("limit", error.Field);
        Assert.Equal(2, error.Position!.Value.Line);
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(-1d)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_LimitNotAboveZero_IsRefusedAtLimit(double limit)
    {
        var error = Single(Valid with { Limit = CapacityLimit.Fixed(limit) });

        Assert.Equal("limit", error.Field);
        Assert.Contains("must be above zero", error.Message);
    }

    [Fact]
    public void Validate_LimitBothOrNeither_IsRefusedAtLimit()
    {
        Assert.Equal("limit", Single(Valid with { Limit = new CapacityLimit(10, "up") }).Field);
        Assert.Equal("limit", Single(Valid with { Limit = new CapacityLimit(null, null) }).Field);
    }

    [Theory]
    [InlineData(0.0, 0.9, "warning")]
    [InlineData(0.95, 0.9, "warning")]
    [InlineData(0.9, 0.9, "warning")]
    [InlineData(0.5, 1.6, "critical")]
    [InlineData(0.5, 0.0, "critical")]
    [InlineData(double.NaN, 0.9, "warning")]
    public void Validate_FractionsOutOfOrderOrRange_NameTheirField(double warning, double critical, string field) =>
        Assert.Contains(CapacityValidation.Validate(Valid with { Warning = warning, Critical = critical }), e => e.Field == field);

    [Fact]
    public void Validate_CriticalUpTo150Percent_IsAllowed() =>
        Assert.Empty(CapacityValidation.Validate(Valid with { Warning = 1.1, Critical = 1.5 }));

    [Theory]
    [InlineData("", 0.5)]
    [InlineData("cliff", 0.0)]
    [InlineData("cliff", 2.01)]
    public void Validate_BadMark_IsRefusedAtMarks(string name, double fraction)
    {
        var error = Single(Valid with { Marks = [new CapacityMark(name, fraction)] });

        Assert.Equal("marks", error.Field);
        Assert.StartsWith("Mark 1", error.Message);
    }

    [Fact]
    public void Validate_DuplicateMarkNames_AreRefused() =>
        Assert.Equal("marks", Single(Valid with { Marks = [new CapacityMark("cliff", 0.9), new CapacityMark("Cliff", 0.95)] }).Field);

    [Fact]
    public void Validate_UnitMissingOrTooLong_IsRefusedAtUnit()
    {
        Assert.Equal("unit", Single(Valid with { Unit = "" }).Field);
        Assert.Equal("unit", Single(Valid with { Unit = new string('u', CapacityValidation.MaxUnit + 1) }).Field);
    }

    [Fact]
    public void Validate_InvalidRunbookSlug_IsRefusedAtRunbookSlug() =>
        Assert.Equal("runbookSlug", Single(Valid with { RunbookSlug = "Not A Slug" }).Field);

    [Fact]
    public void Validate_Budget_ChecksTotalReserveAndComponents()
    {
        var budget = StarterCapacity.Set.Budgets[0];
        var errors = CapacityValidation.Validate(budget with
        {
            Total = CapacityLimit.Fixed(0),
            ReserveBytes = -1,
            Components = [new MemoryBudgetComponent("Redis", "max(redis_memory_used_bytes", 0)],
        });

        Assert.Contains(errors, e => e.Field == "total" && e.Message.Contains("above zero"));
        Assert.Contains(errors, e => e.Field == "reserve");
        Assert.Contains(errors, e => e.Field == "components" && e.Message.StartsWith("Component 1 (Redis)") && e.Position is not null);
        Assert.Contains(errors, e => e.Field == "components" && e.Message.Contains("budget"));
    }

    [Fact]
    public void Validate_Baseline_ChecksTargetsAndQueries()
    {
        var baseline = StarterCapacity.Set.Baselines[0];
        var errors = CapacityValidation.Validate(baseline with { TargetP95Seconds = 0, TargetPerSecond = -3, ThroughputQuery = "rate(" });

        Assert.Equal(new[] { "targetP95Seconds", "targetPerSecond", "throughputQuery" }.Order(StringComparer.Ordinal), errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
