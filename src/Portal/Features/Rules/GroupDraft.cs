using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>A group's settings as typed: the interval is text until it parses as a Prometheus duration.</summary>
public sealed record GroupDraft(string Name, string Interval, int? Limit)
{
    public static GroupDraft From(GroupSummary group) => new(group.Name, group.Interval?.ToString() ?? "", group.Limit);

    /// <summary>Problems by field (name, interval, limit); empty when the draft can be saved.</summary>
    public Dictionary<string, string> Errors()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = "A group needs a name.";
        }

        if (!string.IsNullOrWhiteSpace(Interval) && !PromDuration.TryParse(Interval.Trim(), out _, out var error))
        {
            errors["interval"] = error;
        }

        if (Limit < 0)
        {
            errors["limit"] = "A limit cannot be negative; leave it empty for none.";
        }

        return errors;
    }

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
