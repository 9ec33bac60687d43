namespace Portal.Domain.Tuning;

/// <summary>The state of one series' alert after an evaluation, as Prometheus reports it.</summary>
public enum AlertState : byte
{
    Inactive,
    Pending,
    Firing,
}
