namespace Portal.Domain.Runbooks;

/// <summary>
/// The templates a new installation starts with (the store seeds them into an empty templates table; Admins edit them
/// there). Sections in the order an on-call engineer needs them: what is this, how did we notice, who is hurt, what do
/// I do first, how do I find the cause, how do I fix it, whom do I call.
/// </summary>
public static class RunbookTemplates
{
    public sealed record Template(string Name, string Description, string Body);

    public const string DefaultName = "on-call";

    public static readonly Template OnCall = new(
        DefaultName,
        "Alert response: the seven sections an engineer paged at night looks for.",
        """
        ## Summary

        One or two sentences: what this alert means, in plain words, and why it matters.

        ## Detection

        - Alert(s) that fire for this: `AlertName`
        - What the query measures and the threshold it uses:

        ```promql
        up == 0
        ```

        ## Impact

        Who or what suffers while this lasts (users, other services, data), and how fast it gets worse.

        ## Immediate actions

        1. Acknowledge the page and say in the incident channel that you are on it.
        2. Check whether the problem is still happening (the chart above shows the last hour).
        3. Steps that stop the damage now, even before the cause is known.

        ## Diagnosis

        - Dashboards and queries to look at first.
        - Logs to read, and what a bad line looks like.
        - Usual causes, most likely first.

        ## Resolution

        How to fix each usual cause, and how to tell that it is fixed (the alert resolves, the value is back under the threshold).

        ## Escalation

        - Owning team and its on-call rotation.
        - When to escalate (for example: not resolved after 30 minutes, or data at risk) and to whom.
        """);

    public static readonly Template Blank = new(
        "blank",
        "An empty page with one section to start from (the title is the runbook's own field).",
        """
        ## Summary

        """);

    /// <summary>Seeded in this order; the first is the one the new-runbook page preselects.</summary>
    public static readonly IReadOnlyList<Template> Defaults = [OnCall, Blank];

    /// <summary>The section headings of <see cref="OnCall"/>, for pages and tests that check a runbook has them.</summary>
    public static readonly IReadOnlyList<string> Sections =
        ["Summary", "Detection", "Impact", "Immediate actions", "Diagnosis", "Resolution", "Escalation"];
}
