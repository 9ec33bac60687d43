using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <summary>
/// A save from a form or the API: <see cref="Version"/> is the row version the edit started from (0 for
/// new rules). Forms also pass <see cref="BaseVersionNumber"/>, the content version they showed: a row
/// that only moved (reordering renumbers its neighbours) is then not a conflict, new content is.
/// </summary>
public sealed record RuleEdit(Guid? Id, Guid GroupId, RuleContent Content, uint Version, string? Reason = null, int? BaseVersionNumber = null)
{
    /// <summary>What the tuning page's backtest expected of a new threshold, kept in the threshold history.</summary>
    public double? ExpectedAlertsPerWeek { get; init; }
}
