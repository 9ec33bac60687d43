namespace Portal.Domain.Incidents;

/// <summary>The two templates that ship with the portal: a status update and a postmortem.</summary>
/// <remarks>
/// Written for this portal: they lean on what it knows that a chat log does not (the rule and threshold in force,
/// the alert's labels and the timeline read from <c>ALERTS</c>), and leave prompts in italics where only people can
/// answer. Teams copy and adapt them; these stay as the starting point.
/// </remarks>
public static class StarterIncidentTemplates
{
    public const string StatusUpdateKey = "status-update";
    public const string PostmortemKey = "postmortem";

    public static IReadOnlyList<IncidentTemplate> All { get; } =
    [
        new(StatusUpdateKey, "Status update",
            "A short note for people outside the response: what is broken, who notices, what is being done, when the next update comes.",
            StatusUpdateBody),
        new(PostmortemKey, "Postmortem",
            "The review after resolution: impact, what triggered it and how it was detected, causes, fix, action items and lessons.",
            PostmortemBody),
    ];

    private const string StatusUpdateBody =
        """
        ## {{severity}}: {{alert.name}}

        **Where we are:** _Investigating / Identified / Monitoring / Resolved_ (as of {{now}})

        **Who notices:** _which users, services or regions, and how badly_

        **What happened so far:**

        {{incident.timeline}}

        **Suspected cause:** _what we believe is behind it, or "not known yet"_

        **What we are doing:** _the fix or workaround in progress_

        **Afterwards:** _what we will change so it does not come back_

        **Next update:** _a time, even if nothing has changed by then_

        ---
        Detected by `{{rule.expr}}` (threshold {{rule.threshold}}, for {{rule.for}}), firing since {{alert.startsAt}}.
        Runbook: {{runbook.url}}
        """;

    private const string PostmortemBody =
        """
        # Postmortem: {{alert.name}}

        _Blameless: describe what the systems and the people around them did, not who is at fault._

        ## Summary

        _Two or three sentences a reader outside the team understands: what broke, for how long, and how it ended._

        Severity: {{severity}}. Alert {{alert.name}} on {{alert.labels.instance}} fired at {{alert.startsAt}} with value {{alert.value}}.

        ## Impact

        _Who was affected and how: requests failed or slowed, data delayed or lost, customers who wrote in. Numbers where you have them._

        ## Trigger

        _The change or event that set it off: a deploy, a traffic spike, a dependency failing, a certificate expiring._

        ## Detection

        The rule in force was:

        ```promql
        {{rule.expr}}
        ```

        Threshold {{rule.threshold}}, for {{rule.for}}. Runbook: {{runbook.url}}

        _Did the alert fire early enough, and did it reach the right people? Would a customer have told us first?_

        ## Root causes

        _Why the trigger could do this much harm. Keep asking why until the answer is something we can change._

        ## Resolution

        _What stopped the impact, and what made the fix permanent._

        ## Action items

        {{incident.actions}}

        ## Lessons

        ### What went well

        _Tools, alerts and habits that helped._

        ### What went wrong

        _Gaps in alerting, runbooks, access or communication._

        ### Where we got lucky

        _Things that limited the damage by chance and will not next time._

        ## Timeline

        {{incident.timeline}}

        _Written {{now}}._
        """;
}
