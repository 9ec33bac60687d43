using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Domain.Lint;
using Portal.Domain.Live;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>
/// One row of the rules list as finished HTML. A row has no event handler (its links are plain anchors, which
/// Blazor's router follows), so it can be a single render-tree frame instead of some sixty: every open circuit keeps
/// two copies of each component's frames, and the table's rows were most of what an idle /rules circuit held
/// (docs/PERFORMANCE.md, "Memory per idle circuit"). Every value from the catalog is HTML-encoded here.
/// </summary>
public static class RuleRowMarkup
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    private static readonly string ErrorIcon = Icons.Material.Filled.ErrorOutline;
    private static readonly string FineIcon = Icons.Material.Filled.CheckCircleOutline;

    private const string Cell = "mud-table-cell";
    private const string NoWrapCell = "mud-table-cell rules-nowrap";

    private static string Chip(string color, bool filled) =>
        $"mud-chip {(filled ? "mud-chip-filled" : "mud-chip-outlined")} mud-chip-size-small mud-chip-color-{color}";

    private static string Link(bool inherit) =>
        $"mud-typography mud-link {(inherit ? "mud-inherit-text" : "mud-primary-text")} mud-link-underline-hover mud-typography-body2";

    /// <param name="startsGroup">The first row of a run of one group writes the namespace and group; the rest leave it blank.</param>
    public static MarkupString Row(RuleListItem rule, bool startsGroup, RuleLiveSummary live)
    {
        var b = new StringBuilder(1024);
        b.Append("<tr class=\"mud-table-row\" data-testid=\"rule-row\">");

        Open(b, Cell, "Namespace / group");
        if (startsGroup)
        {
            b.Append("<a href=\"").Append(Html.Encode(PortalRoutes.NamespaceFor(rule.Namespace))).Append("\" class=\"").Append(Link(inherit: true))
                .Append("\" data-testid=\"rule-namespace\">").Append(Html.Encode(rule.Namespace)).Append("</a>")
                .Append("<span class=\"mud-typography mud-typography-caption mud-text-secondary d-block\">").Append(Html.Encode(rule.Group)).Append("</span>");
        }

        b.Append("</td>");

        Open(b, Cell, "Name");
        b.Append("<a href=\"").Append(Html.Encode(PortalRoutes.RuleEditorFor(rule.Id))).Append("\" class=\"").Append(Link(inherit: false))
            .Append("\" data-testid=\"rule-link\">").Append(Html.Encode(rule.Name)).Append("</a>");
        if (rule.Kind == RuleKind.Recording)
        {
            b.Append("<span class=\"rules-tag\" title=\"recording rule\">record</span>");
        }

        if (!rule.Enabled)
        {
            b.Append("<span class=\"rules-tag\" title=\"left out of the next release\">disabled</span>");
        }

        b.Append("</td>");

        Open(b, NoWrapCell, "Live");
        b.Append("<span data-testid=\"rule-live\" data-state=\"").Append(LiveText.Key(live.State)).Append("\" title=\"")
            .Append(live.Release is { } release ? $"live in release #{release}" : "no target evaluates it").Append("\">");
        if (live.State == LiveState.Firing)
        {
            ChipText(b, "error", filled: true, $"firing {live.Firing}");
        }
        else if (live.State == LiveState.Pending)
        {
            ChipText(b, "warning", filled: false, $"pending {live.Pending}");
        }
        else
        {
            b.Append("<span class=\"mud-text-secondary\">").Append(Html.Encode(LiveText.Word(live.State))).Append("</span>");
        }

        if (live.HasError)
        {
            Icon(b, "mud-error-text", "the last evaluation failed", ErrorIcon);
        }

        b.Append("</span></td>");

        Open(b, Cell, "Severity");
        if (rule.Severity is { } severity)
        {
            b.Append("<span class=\"").Append(Chip(RuleDisplay.SeverityColorName(severity), filled: true)).Append(" rules-severity\" title=\"")
                .Append(Html.Encode(severity)).Append("\"><span class=\"mud-chip-content\">").Append(Html.Encode(severity)).Append("</span></span>");
        }

        b.Append("</td>");

        Open(b, Cell, "Findings");
        b.Append("<span data-testid=\"rule-findings\">");
        if (rule.ErrorCount > 0)
        {
            ChipText(b, "error", filled: false, RuleDisplay.Plural(rule.ErrorCount, "error"));
        }

        if (rule.WarningCount > 0)
        {
            ChipText(b, "warning", filled: false, RuleDisplay.Plural(rule.WarningCount, "warning"));
        }

        if (rule.ErrorCount == 0 && rule.WarningCount == 0)
        {
            Icon(b, "mud-success-text", "No findings", FineIcon);
        }

        b.Append("</span></td>");

        Open(b, NoWrapCell, "Fires / week");
        b.Append(rule.FiresPerWeek is null ? "<span title=\"Not measured yet: backtest it on the Tuning page\">" : "<span>")
            .Append(Html.Encode(RuleDisplay.FiresText(rule.FiresPerWeek))).Append("</span></td>");

        Open(b, NoWrapCell, "Updated");
        b.Append("<span title=\"").Append(rule.UpdatedAt.ToString("u")).Append("\">").Append(Html.Encode(RuleDisplay.Ago(rule.UpdatedAt))).Append("</span></td>");

        b.Append("</tr>");
        return new MarkupString(SharedRows.Share(b.ToString()));
    }

    // data-label is what MudBlazor's narrow-screen table writes before each cell when rows stack.
    private static void Open(StringBuilder b, string cssClass, string label) =>
        b.Append("<td class=\"").Append(cssClass).Append("\" data-label=\"").Append(label).Append("\">");

    private static void ChipText(StringBuilder b, string color, bool filled, string text) =>
        b.Append("<span class=\"").Append(Chip(color, filled)).Append("\"><span class=\"mud-chip-content\">").Append(Html.Encode(text)).Append("</span></span>");

    private static void Icon(StringBuilder b, string color, string title, string paths) =>
        b.Append("<svg class=\"mud-icon-root mud-svg-icon ").Append(color).Append(" mud-icon-size-small\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\"><title>")
            .Append(Html.Encode(title)).Append("</title>").Append(paths).Append("</svg>");
}
