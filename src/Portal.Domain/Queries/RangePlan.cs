namespace Portal.Domain.Queries;

/// <summary>
/// The range query the portal will send, decided before Prometheus is asked: the step is the finest
/// that keeps every series under the point limit and is never finer than the rule's evaluation
/// interval (finer data could not change what the rule sees).
/// </summary>
public sealed record RangePlan(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step)
{
    public const int MaxPointsPerSeries = 11_000;
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(30);

    public int PointsPerSeries => (int)((End - Start).Ticks / Step.Ticks) + 1;

    public static RangePlanResult Choose(DateTimeOffset start, DateTimeOffset end, TimeSpan evaluationInterval)
    {
        if (end <= start)
        {
            return RangePlanResult.Refuse("The range must end after it starts.");
        }

        if (end - start > MaxRange)
        {
            return RangePlanResult.Refuse($"The range is {(end - start).TotalDays:0.#} days; at most {MaxRange.TotalDays:0} days can be asked at once.");
        }

        if (evaluationInterval <= TimeSpan.Zero)
        {
            return RangePlanResult.Refuse("The evaluation interval must be positive.");
        }

        // Steps are aligned to whole multiples of themselves; a step of centuries would move the range out of any data.
        if (evaluationInterval > MaxRange)
        {
            return RangePlanResult.Refuse($"The evaluation interval is longer than {MaxRange.TotalDays:0} days, the longest range that can be asked.");
        }

        if (start < DateTimeOffset.UnixEpoch)
        {
            return RangePlanResult.Refuse("The range starts before 1970-01-01, where Prometheus holds no samples.");
        }

        var needed = TimeSpan.FromTicks((long)Math.Ceiling((double)(end - start).Ticks / (MaxPointsPerSeries - 1)));
        var step = needed <= evaluationInterval ? evaluationInterval : RoundUp(needed, evaluationInterval);

        // Steps aligned to the step size make cached chunks reusable when the same range is asked later.
        var alignedStart = new DateTimeOffset(start.UtcTicks - start.UtcTicks % step.Ticks, TimeSpan.Zero);
        var alignedEnd = new DateTimeOffset(end.UtcTicks - end.UtcTicks % step.Ticks, TimeSpan.Zero);
        if (alignedEnd <= alignedStart)
        {
            alignedEnd = alignedStart + step;
        }

        return RangePlanResult.Ok(new RangePlan(alignedStart, alignedEnd, step));
    }

    /// <summary>The smallest whole multiple of the evaluation interval that is at least <paramref name="needed"/>.</summary>
    private static TimeSpan RoundUp(TimeSpan needed, TimeSpan interval) =>
        TimeSpan.FromTicks((long)Math.Ceiling((double)needed.Ticks / interval.Ticks) * interval.Ticks);
}
