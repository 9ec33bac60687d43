using System.Globalization;
using Portal.Domain.Capacity;
using Portal.Infrastructure.Capacity;

namespace Portal.Features.Capacity;

/// <summary>
/// What the model editor holds while the user types: fractions as percentages, the limit as a number or a query,
/// the marks as rows. It is kept whatever the store answers, so nothing typed is lost on an error.
/// </summary>
internal sealed class CapacityForm
{
    public string Name { get; set; } = "";

    public string? Team { get; set; }

    public string? Description { get; set; }

    public string UsageQuery { get; set; } = "";

    public bool LimitIsQuery { get; set; }

    public double? LimitValue { get; set; }

    public string LimitQuery { get; set; } = "";

    public string Unit { get; set; } = "bytes";

    public double? WarningPercent { get; set; } = 80;

    public double? CriticalPercent { get; set; } = 90;

    public List<MarkRow> Marks { get; } = [];

    public string? RunbookSlug { get; set; }

    public sealed class MarkRow
    {
        public string Name { get; set; } = "";

        public double? Percent { get; set; }
    }

    public static CapacityForm From(CapacityModelRow row)
    {
        var spec = row.Spec;
        var form = new CapacityForm
        {
            Name = spec.Name,
            Team = row.Team,
            Description = spec.Description,
            UsageQuery = spec.UsageQuery,
            LimitIsQuery = spec.Limit.IsQuery,
            LimitValue = spec.Limit.Value,
            LimitQuery = spec.Limit.Query ?? "",
            Unit = spec.Unit,
            WarningPercent = ToPercent(spec.Warning),
            CriticalPercent = ToPercent(spec.Critical),
            RunbookSlug = spec.RunbookSlug,
        };
        form.Marks.AddRange(spec.Marks.Select(m => new MarkRow { Name = m.Name, Percent = ToPercent(m.Fraction) }));
        return form;
    }

    // Rounded so that 0.85 shows as 85, not 85.00000000000001.
    private static double ToPercent(double fraction) => Math.Round(fraction * 100, 6);

    /// <summary>The limit's own check, made at the field before anything is sent: the store says the same, later.</summary>
    public string? LimitProblem(bool saving) => LimitIsQuery
        ? saving && string.IsNullOrWhiteSpace(LimitQuery) ? "Give the query whose value is the limit." : null
        : LimitValue switch
        {
            null => saving ? "Give the limit as a number above zero." : null,
            { } v when !double.IsFinite(v) || v <= 0 => "The limit must be a number above zero.",
            _ => null,
        };

    public CapacityModelSpec ToSpec() => new(
        Name.Trim(),
        UsageQuery.Trim(),
        LimitIsQuery ? CapacityLimit.FromQuery(LimitQuery.Trim()) : CapacityLimit.Fixed(LimitValue ?? 0),
        Unit.Trim(),
        (WarningPercent ?? double.NaN) / 100,
        (CriticalPercent ?? double.NaN) / 100,
        Marks.Select(m => new CapacityMark(m.Name.Trim(), (m.Percent ?? double.NaN) / 100)).ToList())
    {
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        RunbookSlug = string.IsNullOrWhiteSpace(RunbookSlug) ? null : RunbookSlug.Trim(),
    };

    /// <summary>The fields that differ between two specs, as people read them, for the conflict dialog.</summary>
    public static IReadOnlyList<(string Field, string Theirs, string Mine)> Differences(CapacityModelRow theirs, string mineTeam, CapacityModelSpec mine)
    {
        var list = new List<(string, string, string)>();
        void Compare(string field, string a, string b)
        {
            if (a != b)
            {
                list.Add((field, a, b));
            }
        }

        var t = theirs.Spec;
        Compare("Name", t.Name, mine.Name);
        Compare("Team", theirs.Team, mineTeam);
        Compare("Usage query", t.UsageQuery, mine.UsageQuery);
        Compare("Limit", Limit(t), Limit(mine));
        Compare("Unit", t.Unit, mine.Unit);
        Compare("Warning", CapacityDisplay.Percent(t.Warning), CapacityDisplay.Percent(mine.Warning));
        Compare("Critical", CapacityDisplay.Percent(t.Critical), CapacityDisplay.Percent(mine.Critical));
        Compare("Marks", MarksText(t), MarksText(mine));
        Compare("Runbook", t.RunbookSlug ?? "—", mine.RunbookSlug ?? "—");
        Compare("Description", t.Description ?? "—", mine.Description ?? "—");
        return list;
    }

    private static string Limit(CapacityModelSpec spec) =>
        spec.Limit.Query ?? spec.Limit.Value?.ToString("G", CultureInfo.InvariantCulture) ?? "—";

    private static string MarksText(CapacityModelSpec spec) =>
        spec.Marks.Count == 0 ? "—" : string.Join(", ", spec.Marks.Select(m => $"{m.Name} {CapacityDisplay.Percent(m.Fraction)}"));
}
