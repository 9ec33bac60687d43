namespace Portal.Domain.Incidents;

public enum ActionItemStatus
{
    Open,
    InProgress,
    Done,
    WontDo,
}
