using Microsoft.AspNetCore.Components;
using Portal.Components;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Admin;

/// <summary>The audit log with its filters and CSV export (the export link carries the same filters).</summary>
public partial class AdminPage
{
    private const int PageSize = 100;

    /// <summary>Families of actions, filtered by prefix: everything about rules, about releases, ...</summary>
    private static readonly string[] Prefixes = ["rule.", "rules.", "group.", "namespace.", "release."];

    private static readonly (string Key, string Label, TimeSpan? Span)[] Periods =
    [
        ("all", "Any time", null),
        ("1h", "Last hour", TimeSpan.FromHours(1)),
        ("1d", "Last day", TimeSpan.FromDays(1)),
        ("7d", "Last 7 days", TimeSpan.FromDays(7)),
        ("30d", "Last 30 days", TimeSpan.FromDays(30)),
    ];

    private IReadOnlyList<string> _actions = [];
    private AuditPage? _page;
    private string? _actor;
    private string? _action;
    private string? _subject;
    private string _period = "all";
    private int _skip;

    [Inject] public required IAuditLog Audit { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }

    protected override async Task OnInitializedAsync()
    {
        if (await RunAsync(async ct => _actions = await Audit.ActionsAsync(ct), "The audit log could not be read"))
        {
            await SearchAsync(0);
        }
    }

    private AuditQuery Query(int skip) => new(_actor, _action, _subject, From, null, skip, PageSize);

    private DateTimeOffset? From => Periods.First(p => p.Key == _period).Span is { } span ? Clock.GetUtcNow() - span : null;

    private async Task SearchAsync(int skip)
    {
        _skip = skip;
        await RunAsync(async ct => _page = await Audit.QueryAsync(Query(skip), ct), "The audit log could not be read");
    }

    private string CsvLink
    {
        get
        {
            var query = new Dictionary<string, string?>
            {
                ["actor"] = _actor,
                ["action"] = _action,
                ["subject"] = _subject,
                ["from"] = From?.ToString("o"),
            };
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(PortalRoutes.AuditExport,
                query.Where(q => !string.IsNullOrWhiteSpace(q.Value)).ToDictionary(q => q.Key, q => q.Value));
        }
    }

    private static string Shorten(string? detail) => detail is null ? "" : detail.Length <= 160 ? detail : detail[..157] + "…";
}
