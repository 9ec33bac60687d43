namespace Portal.Domain.Runbooks;

/// <param name="WithoutRunbook">Alerting rules with neither a linked runbook nor a <c>runbook_url</c>.</param>
/// <param name="Dangling">Rules whose <c>runbook_url</c> points at a runbook of this portal that does not exist.</param>
/// <param name="Broken">Rules whose external <c>runbook_url</c> did not answer when last checked.</param>
/// <param name="Overdue">Runbooks past their review date, longest overdue first.</param>
/// <param name="Unchecked">External URLs not checked yet (or on a host the checker may not call).</param>
/// <param name="Alerts">How many alerting rules were looked at.</param>
public sealed record RunbookHealthReport(
    IReadOnlyList<AlertRunbookRef> WithoutRunbook,
    IReadOnlyList<(AlertRunbookRef Rule, string Slug)> Dangling,
    IReadOnlyList<(AlertRunbookRef Rule, LinkCheck Check)> Broken,
    IReadOnlyList<RunbookReviewRef> Overdue,
    int Unchecked,
    int Alerts);
