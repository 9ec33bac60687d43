using Portal.Domain.Catalog;

namespace Portal.Infrastructure.Runbooks;

public sealed record RunbookSearch(string Text, string? Tag = null, string? Team = null, int Limit = 50)
{
    /// <summary>The longest search text: more words than anyone types, few enough that a query stays cheap.</summary>
    public const int MaxText = 500;

    public const int MaxLimit = 100;

    /// <summary>What is wrong with this search, per field (q, tag, team, limit); empty when it may run. The store answers an invalid search with no hits.</summary>
    public IReadOnlyList<FieldError> Problems()
    {
        var errors = StorableText.Check([("q", Text), ("tag", Tag), ("team", Team)]).ToList();
        if (Text is { Length: > MaxText })
        {
            errors.Add(new FieldError("q", $"The search text has {Text.Length} characters; at most {MaxText}."));
        }

        if (Tag is { Length: > 100 } || Team is { Length: > 100 })
        {
            errors.Add(new FieldError(Tag is { Length: > 100 } ? "tag" : "team", "A tag or team filter has at most 100 characters."));
        }

        if (Limit is < 1 or > MaxLimit)
        {
            errors.Add(new FieldError("limit", $"The limit is {Limit}; use 1 to {MaxLimit}."));
        }

        return errors;
    }
}
