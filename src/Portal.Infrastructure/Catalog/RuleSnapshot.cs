using System.Text.Json;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <summary>The JSON kept in a version row: the full content, enough to restore it exactly.</summary>
internal sealed record RuleSnapshot(
    string Kind, string Name, string Expr, string? For, string? KeepFiringFor,
    Dictionary<string, string> Labels, Dictionary<string, string> Annotations, bool Enabled)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(RuleContent content) => JsonSerializer.Serialize(new RuleSnapshot(
        content.Kind == RuleKind.Alerting ? "alert" : "record", content.Name, content.Expression,
        content.For?.ToString(), content.KeepFiringFor?.ToString(),
        content.Labels.ToDictionary(l => l.Key, l => l.Value), content.Annotations.ToDictionary(a => a.Key, a => a.Value),
        content.Enabled), Json);

    public static RuleContent Read(string json)
    {
        var s = JsonSerializer.Deserialize<RuleSnapshot>(json, Json) ?? throw new InvalidOperationException("empty rule snapshot");
        return new RuleContent(s.Kind == "alert" ? RuleKind.Alerting : RuleKind.Recording, s.Name, s.Expr,
            s.For is null ? null : PromDuration.Parse(s.For), s.KeepFiringFor is null ? null : PromDuration.Parse(s.KeepFiringFor),
            LabelMap.From(s.Labels), LabelMap.From(s.Annotations), s.Enabled);
    }
}
