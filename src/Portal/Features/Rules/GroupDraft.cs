using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>A group's settings as typed: the interval is text until it parses as a Prometheus duration.</summary>
public sealed record GroupDraft(string Name, string Interval, int? Limit)
{
    public static GroupDraft From(GroupSummary group) => new(group.Name, group.Interval?.ToString() ?? "", group.Limit);

    /// <summary>
    /// Problems by field (name, interval, limit) seen as the person types; the configured interval floor is
    /// the store's to apply, and its answer shows in the same place.
    /// </summary>
    public Dictionary<string, string> Errors() =>
        ErrorsFrom(GroupSettings.Check(Name, Interval, Limit, minimumInterval: TimeSpan.Zero, out _));

    public GroupEdit ToEdit(Guid? id, Guid namespaceId, uint version) => new(id, namespaceId, Name.Trim(),
        string.IsNullOrWhiteSpace(Interval) ? null : PromDuration.Parse(Interval.Trim()), Limit, version);

    public static Dictionary<string, string> ErrorsFrom(IEnumerable<FieldError> errors)
    {
        var byField = new Dictionary<string, string>();
        foreach (var error in errors)
        {
            byField.TryAdd(error.Field is "interval" or "limit" ? error.Field : "name", error.Message);
        }

        return byField;
    }
}
