namespace Portal.Domain.Live;

/// <summary>The alerts of one severity and team.</summary>
public sealed record AlertGroup(string Severity, string Team, IReadOnlyList<AlertEntry> Alerts)
{
    public int Firing => Alerts.Count(a => a.State == LiveState.Firing);

    public int Pending => Alerts.Count(a => a.State == LiveState.Pending);
}
