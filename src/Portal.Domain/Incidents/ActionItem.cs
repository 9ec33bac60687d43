namespace Portal.Domain.Incidents;

/// <summary>A follow-up from an incident: who does what by when, optionally pointing at a rule or a runbook.</summary>
/// <param name="Link">A portal path (<c>/rules/{id}</c>, <c>/runbooks/{slug}</c>) or an http(s) address; null for none.</param>
public sealed record ActionItem(Guid Id, string Text, string? Owner, DateOnly? Due, ActionItemStatus Status, string? Link)
{
    public bool IsOpen => Status is ActionItemStatus.Open or ActionItemStatus.InProgress;

    public bool IsOverdue(DateOnly today) => IsOpen && Due is { } due && due < today;
}
