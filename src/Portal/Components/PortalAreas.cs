using MudBlazor;

namespace Portal.Components;

public static class PortalAreas
{
    public static readonly IReadOnlyList<PortalArea> All =
    [
        new("Rules", PortalRoutes.Rules, Icons.Material.Filled.Rule, "Alerting and recording rules, grouped by namespace."),
        new("Alerts", PortalRoutes.Alerts, Icons.Material.Filled.NotificationsActive, "What is firing and pending now, on every target."),
        new("Tuning", PortalRoutes.Tuning, Icons.Material.Filled.Tune, "Backtest thresholds against live Prometheus data."),
        new("Publish", PortalRoutes.Publish, Icons.Material.Filled.Publish, "Validated, verified, reversible rule-file releases."),
        new("Runbooks", PortalRoutes.Runbooks, Icons.Material.Filled.MenuBook, "What to do when an alert fires."),
        new("Incidents", PortalRoutes.Incidents, Icons.Material.Filled.ReportProblem, "Incident writeups started from templates."),
        new("Health", PortalRoutes.Status, Icons.Material.Filled.MonitorHeart, "The portal's own dependencies, live."),
        new("Capacity", PortalRoutes.Capacity, Icons.Material.Filled.Speed, "Headroom against the limits you set."),
        new("Admin", PortalRoutes.Admin, Icons.Material.Filled.AdminPanelSettings, "Teams, tokens, targets and settings."),
    ];
}
