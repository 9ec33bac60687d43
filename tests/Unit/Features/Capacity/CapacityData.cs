using Portal.Domain.Capacity;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Capacity;

namespace Portal.Tests.Unit.Features.Capacity;

/// <summary>Models, cards and reports shaped like the users' documents: 500 connections with autoscale and cliff marks, 4 GB of memory.</summary>
internal static class CapacityData
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static CapacityModelSpec Connections(double? limit = 500) => new(
        "PostgreSQL connections", "sum(pg_stat_activity_count)", CapacityLimit.Fixed(limit ?? 500), "connections", 0.75, 0.9,
        [new CapacityMark("autoscale", 0.75), new CapacityMark("cliff", 0.9)])
    {
        RunbookSlug = "postgres-connections",
    };

    public static CapacityModelSpec Memory() => new(
        "Backend memory", "process_resident_memory_bytes", CapacityLimit.Fixed(4096.0 * 1024 * 1024), "bytes", 0.85, 0.94, []);

    public static CapacityModelRow Row(CapacityModelSpec spec, string team = "team-a", uint version = 3) =>
        new(Guid.NewGuid(), team, spec, version, Now.AddHours(-1), "carol");

    /// <summary>A card with a week of rising usage behind its current value; none when there is no value.</summary>
    public static CapacityCard Card(CapacityModelRow row, CapacityAssessment assessment) =>
        new(row, assessment, assessment.Current is { } current ? Trend(current) : [], []);

    private static IReadOnlyList<Sample> Trend(double current) =>
        Enumerable.Range(0, 8).Select(i => new Sample(Now.AddDays(i - 7).ToUnixTimeMilliseconds(), current * (0.6 + 0.05 * i))).ToList();

    public static CapacityAssessment Ok() => new(250, 500, 0.5, CapacityBand.Ok,
        new CapacityForecast(0, false, null, null, null, 60), "At 50 % of the limit and not growing.");

    public static CapacityAssessment Warning() => new(410, 500, 0.82, CapacityBand.Warning,
        new CapacityForecast(12, true, null, TimeSpan.FromDays(3), TimeSpan.FromDays(7.5), 60),
        "At 82 % of the limit, above the autoscale mark; at this rate the cliff is reached in 3 days.");

    public static CapacityAssessment Critical() => new(480, 500, 0.96, CapacityBand.Critical,
        new CapacityForecast(10, true, null, null, TimeSpan.FromHours(48), 60), "At 96 % of the limit, past the cliff.");

    public static CapacityAssessment Failed() => new(null, 500, null, CapacityBand.Error, null, "",
        "The usage query returned 3 series; it must return one.");

    public static CapacityAssessment NoData() => new(null, 500, null, CapacityBand.NoData, null, "");

    public static CapacityReport Report(params CapacityCard[] cards) =>
        new(Now, TimeSpan.FromDays(7), cards, [], []);
}
