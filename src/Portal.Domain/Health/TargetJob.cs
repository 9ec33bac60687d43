namespace Portal.Domain.Health;

/// <summary>The targets of one job on one server, down ones first, with the "3/3 up" count.</summary>
public sealed record TargetJob(string Server, string Job, int Up, int Total, IReadOnlyList<ScrapeTargetView> Targets)
{
    public bool AllUp => Up == Total;

    /// <summary>A stable identity for the page's list (the DOM keeps a job's rows across refreshes).</summary>
    public string Key => Server + "\u001f" + Job;
}
