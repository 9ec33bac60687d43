namespace Portal.Domain.Queries;

public sealed record RangePlanResult(RangePlan? Plan, string? Problem)
{
    public static RangePlanResult Ok(RangePlan plan) => new(plan, null);

    public static RangePlanResult Refuse(string problem) => new(null, problem);
}
