namespace Portal.Components;

/// <summary>Every routable page's address, in one place so links and tests cannot drift apart.</summary>
public static class PortalRoutes
{
    public const string Home = "/";
    public const string Rules = "/rules";
    public const string Tuning = "/tuning";
    public const string Alerts = "/alerts";
    public const string Publish = "/publish";
    public const string Runbooks = "/runbooks";
    public const string Incidents = "/incidents";
    public const string Status = "/status";
    public const string Capacity = "/capacity";
    public const string Admin = "/admin";
    public const string AuditExport = "/admin/audit.csv";

    public const string RuleEditor = "/rules/{Id:guid}";
    public const string NewRule = "/rules/new";
    public const string Namespace = "/rules/namespaces/{Name}";
    public const string NamespaceReview = "/rules/namespaces/{Name}/review";
    public const string NamespaceTrash = "/rules/namespaces/{Name}/trash";
    public const string Runbook = "/runbooks/{Slug}";
    public const string NewRunbook = "/runbooks/new";
    public const string RunbookEdit = "/runbooks/{Slug}/edit";
    public const string RunbookHistory = "/runbooks/{Slug}/history";
    public const string Releases = "/releases";
    public const string RunbookHealth = "/runbooks/health";
    public const string Release = "/releases/{Number:long}";
    public const string NewIncident = "/incidents/new";
    public const string Incident = "/incidents/{Id:guid}";
    public const string IncidentPrint = "/incidents/{Id:guid}/print";
    public const string IncidentHistory = "/incidents/{Id:guid}/history";
    public const string IncidentActions = "/incidents/actions";
    public const string IncidentTemplates = "/incidents/templates";
    public const string SeverityLevels = "/incidents/severity-levels";

    public static string RuleEditorFor(Guid id) => $"/rules/{id:D}";

    /// <summary>The editor for a new rule, in <paramref name="groupId"/> when given (else the editor asks for a group).</summary>
    public static string NewRuleIn(Guid? groupId) => groupId is { } id ? $"{NewRule}?group={id:D}" : NewRule;

    /// <summary>The tuning page with a rule picked (its <c>?rule=</c> parameter).</summary>
    public static string TuningFor(Guid ruleId) => $"{Tuning}?rule={ruleId:D}";

    /// <summary>The tuning page for an unsaved expression (Explore), with its <c>for</c> and <c>keep_firing_for</c> when given.</summary>
    public static string TuningExplore(string expression, string? @for = null, string? keepFiringFor = null) =>
        $"{Tuning}?expr={Uri.EscapeDataString(expression)}"
        + (string.IsNullOrWhiteSpace(@for) ? "" : $"&for={Uri.EscapeDataString(@for.Trim())}")
        + (string.IsNullOrWhiteSpace(keepFiringFor) ? "" : $"&keep_firing_for={Uri.EscapeDataString(keepFiringFor.Trim())}");

    public static string IncidentFor(Guid id) => $"{Incidents}/{id:D}";

    public static string IncidentPrintFor(Guid id) => IncidentFor(id) + "/print";

    public static string IncidentHistoryFor(Guid id) => IncidentFor(id) + "/history";

    /// <summary>A new incident from a rule and/or a firing alert's labels (<c>?rule=</c>, <c>?alert=</c> as <c>k=v</c> pairs).</summary>
    public static string NewIncidentFrom(Guid? ruleId, IReadOnlyDictionary<string, string>? labels = null)
    {
        var query = new List<string>();
        if (ruleId is { } id)
        {
            query.Add($"rule={id:D}");
        }

        foreach (var (name, value) in labels ?? new Dictionary<string, string>())
        {
            query.Add("label=" + Uri.EscapeDataString(name + "=" + value));
        }

        return query.Count == 0 ? NewIncident : NewIncident + "?" + string.Join('&', query);
    }

    /// <summary>The incident's writeup as one Markdown file, for the page's download link (signed in by cookie, unlike the API).</summary>
    public static string IncidentExportFor(Guid id) => IncidentFor(id) + "/export.md";

    /// <summary>The tuning page with a rule picked and a threshold to try (the earlier-detection panel's "Open in Tuning").</summary>
    public static string TuningAt(Guid ruleId, double threshold) =>
        TuningFor(ruleId) + "&threshold=" + threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The incident list with its search, filters and page, as the list writes them into its address.</summary>
    public static string IncidentsWhere(string? text, string? status, string? severity, string? team, string? range, int page = 1)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("q", text);
        Add("status", status);
        Add("severity", severity);
        Add("team", team);
        Add("range", range);
        if (page > 1)
        {
            query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? Incidents : Incidents + "?" + string.Join('&', query);
    }

    public static string ReleaseFor(long number) => $"{Releases}/{number}";

    /// <summary>The release's files as a zip (an endpoint, not a page: links to it need <c>download</c> or a full load).</summary>
    public static string ReleaseDownload(long number) => $"{Releases}/{number}/download";

    /// <summary>The releases list at page <paramref name="page"/> (1 is the newest releases).</summary>
    public static string ReleasesAt(int page) => page <= 1 ? Releases : $"{Releases}?page={page}";

    public static string NamespaceFor(string name) => "/rules/namespaces/" + Uri.EscapeDataString(name);

    public static string NamespaceReviewFor(string name) => NamespaceFor(name) + "/review";
    /// <summary>The deleted rules of a namespace, each with a Restore button.</summary>
    public static string NamespaceTrashFor(string name) => NamespaceFor(name) + "/trash";

    /// <summary>The rules list with one filter set, as the list itself writes it into its address.</summary>
    public static string RulesIn(string @namespace, string? group = null) =>
        $"{Rules}?ns={Uri.EscapeDataString(@namespace)}" + (group is null ? "" : $"&group={Uri.EscapeDataString(group)}");

    public static string RunbookFor(string slug) => "/runbooks/" + Uri.EscapeDataString(slug);

    public static string RunbookEditFor(string slug) => RunbookFor(slug) + "/edit";

    public static string RunbookHistoryFor(string slug) => RunbookFor(slug) + "/history";

    /// <summary>The runbook list with its search and filters, as the list writes them into its address.</summary>
    public static string RunbooksWhere(string? text, string? tag, string? team)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(text))
        {
            query.Add("q=" + Uri.EscapeDataString(text));
        }

        if (!string.IsNullOrWhiteSpace(tag))
        {
            query.Add("tag=" + Uri.EscapeDataString(tag));
        }

        if (!string.IsNullOrWhiteSpace(team))
        {
            query.Add("team=" + Uri.EscapeDataString(team));
        }

        return query.Count == 0 ? Runbooks : Runbooks + "?" + string.Join('&', query);
    }
}
