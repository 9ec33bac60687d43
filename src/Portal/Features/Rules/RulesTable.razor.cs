using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Live;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

public partial class RulesTable
{
    internal static readonly int[] PageSizes = [25, 50, 100, 200];

    private sealed record Column(string Title, string Key, RuleSort? Sort);

    private static readonly Column[] Columns =
    [
        new("Namespace / group", "namespace", RuleSort.Namespace),
        new("Name", "name", RuleSort.Name),
        new("Live", "live", null),
        new("Severity", "severity", RuleSort.Severity),
        new("Findings", "findings", RuleSort.Findings),
        new("Fires / week", "fires", RuleSort.FiresPerWeek),
        new("Updated", "updated", RuleSort.UpdatedAt),
    ];

    private static readonly MarkupString ArrowIcon = new(Icons.Material.Filled.ArrowUpward);
    private static readonly MarkupString FirstIcon = new(Icons.Material.Filled.FirstPage);
    private static readonly MarkupString PreviousIcon = new(Icons.Material.Filled.NavigateBefore);
    private static readonly MarkupString NextIcon = new(Icons.Material.Filled.NavigateNext);
    private static readonly MarkupString LastIcon = new(Icons.Material.Filled.LastPage);

    [Parameter, EditorRequired]
    public IReadOnlyList<RuleListItem> Items { get; set; } = [];

    [Parameter, EditorRequired]
    public Func<RuleListItem, RuleLiveSummary> LiveOf { get; set; } = _ => Infrastructure.Live.LiveIndex.NoData;

    /// <summary>The order shown; <see cref="RuleSort.Position"/> is the catalog's own (namespace, group, position).</summary>
    [Parameter]
    public RuleSort Sort { get; set; }

    [Parameter]
    public bool Descending { get; set; }

    /// <summary>A header was clicked: the new order. A column sorts up, then down, then back to the catalog's order.</summary>
    [Parameter]
    public EventCallback<(RuleSort Sort, bool Descending)> SortChanged { get; set; }

    [Parameter]
    public int Skip { get; set; }

    [Parameter]
    public int Take { get; set; } = 50;

    /// <summary>The matches counted; a lower bound (one past what is vouched for) when <see cref="TotalIsLowerBound"/>.</summary>
    [Parameter]
    public int Total { get; set; }

    [Parameter]
    public bool TotalIsLowerBound { get; set; }

    /// <summary>The pager moved: the first row to show and the page size.</summary>
    [Parameter]
    public EventCallback<(int Skip, int Take)> PageChanged { get; set; }

    [Parameter]
    public bool Loading { get; set; }

    [Parameter]
    public RenderFragment? NoRecords { get; set; }

    private string Info => PagerInfo(Skip, Items.Count, Total, TotalIsLowerBound);

    /// <summary>The last page's first row as far as counting went (a capped count reaches one row past the cap).</summary>
    private int LastSkip => Total <= 0 ? 0 : (Total - 1) / Take * Take;

    /// <summary>
    /// "1-50 of 308". A capped count reads "of 10,000+": the store counted one row past the last it vouches for, so
    /// "next" still offers the page beyond (docs/decisions/0033-capped-rule-count.md).
    /// </summary>
    internal static string PagerInfo(int skip, int shown, int total, bool totalIsLowerBound)
    {
        var first = shown == 0 ? 0 : skip + 1;
        var of = totalIsLowerBound
            ? (total - 1).ToString("N0", CultureInfo.InvariantCulture) + "+"
            : total.ToString("N0", CultureInfo.InvariantCulture);
        return $"{first}-{skip + shown} of {of}";
    }

    private string AriaSort(RuleSort column) => Sort != column ? "none" : Descending ? "descending" : "ascending";

    private Task ClickSortAsync(RuleSort column) => SortChanged.InvokeAsync(
        Sort != column ? (column, false) : !Descending ? (column, true) : (RuleSort.Position, false));

    private Task GoToAsync(int skip) => PageChanged.InvokeAsync((skip, Take));

    private Task ChangePageSizeAsync(ChangeEventArgs e) =>
        int.TryParse(e.Value?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var take) && PageSizes.Contains(take)
            ? PageChanged.InvokeAsync((0, take))
            : Task.CompletedTask;
}
