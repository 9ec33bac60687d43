using System.Collections.Immutable;

namespace Portal.Domain.RuleFiles;

/// <summary>
/// A named list of rules Prometheus evaluates in order, at the group's own interval or the global one.
/// (Prometheus 2.42 knows no <c>query_offset</c>, so the model has none.)
/// </summary>
public sealed record RuleGroup
{
    private readonly string _name = "";
    private readonly int? _limit;
    private readonly ImmutableArray<Rule> _rules = [];

    public RuleGroup(string name, IEnumerable<Rule> rules, PromDuration? interval = null, int? limit = null)
    {
        Name = name;
        Rules = [.. rules];
        Interval = interval;
        Limit = limit;
    }

    /// <summary>Prometheus refuses an empty group name, so the model cannot hold one.</summary>
    public string Name
    {
        get => _name;
        init => _name = Text.RequireNonEmpty(value, "group name");
    }

    /// <summary>Null means the global evaluation interval.</summary>
    public PromDuration? Interval { get; init; }

    /// <summary>Most alerts or series one evaluation may produce; null or zero means no limit.</summary>
    public int? Limit
    {
        get => _limit;
        init => _limit = value is < 0
            ? throw new ArgumentOutOfRangeException(nameof(Limit), value, "A group limit cannot be negative; use null or 0 for no limit.")
            : value;
    }

    public ImmutableArray<Rule> Rules
    {
        get => _rules;
        init
        {
            if (value.IsDefault || value.Any(r => r is null))
            {
                throw new ArgumentException("A group's rules must not be null.", nameof(Rules));
            }

            _rules = value;
        }
    }

    public bool Equals(RuleGroup? other) =>
        other is not null
        && Name == other.Name
        && Interval == other.Interval
        && Limit == other.Limit
        && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        hash.Add(Interval);
        hash.Add(Limit);
        foreach (var rule in Rules)
        {
            hash.Add(rule);
        }

        return hash.ToHashCode();
    }
}
