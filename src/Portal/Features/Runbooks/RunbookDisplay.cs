using Portal.Infrastructure.Runbooks;

namespace Portal.Features.Runbooks;

/// <summary>What the runbook pages say the same way: review dates, and the slug a title suggests.</summary>
public static class RunbookDisplay
{
    /// <summary>The largest body the editor sends to the server, in UTF-8 bytes (the store refuses more anyway).</summary>
    public const int MaxBodyBytes = Domain.Runbooks.RunbookLimits.MaxBodyBytes;

    /// <summary>
    /// When the runbook is due for review: the last review (or, never reviewed, its creation; a store that does not say
    /// when it created one, its last change) plus the interval; null without an interval.
    /// </summary>
    public static DateTimeOffset? ReviewDue(RunbookDetail runbook) =>
        runbook.ReviewDue(runbook.CreatedAt == default ? runbook.UpdatedAt : runbook.CreatedAt);

    public static bool Overdue(DateTimeOffset? due, DateTimeOffset now) => due is { } at && at < now;

    public static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The teams the caller may write runbooks for: every team for an Admin, their own for an Editor, none otherwise.</summary>
    public static async Task<IReadOnlyList<string>> WritableTeamsAsync(Domain.Access.Caller caller, Infrastructure.Identity.ITeams teams, CancellationToken ct) =>
        caller.IsAdmin
            ? (await teams.ListAsync(ct)).Select(t => t.Name).ToList()
            : caller.Roles.Contains(Domain.Access.PortalRole.Editor) ? caller.Teams.Order(StringComparer.Ordinal).ToList() : [];
}
