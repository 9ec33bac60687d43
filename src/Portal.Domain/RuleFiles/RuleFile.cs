using System.Collections.Immutable;

namespace Portal.Domain.RuleFiles;

/// <summary>
/// The content of one Prometheus rule file. Group names are unique because Prometheus refuses a file
/// that repeats one.
/// </summary>
public sealed record RuleFile
{
    public static readonly RuleFile Empty = new([]);

    private readonly ImmutableArray<RuleGroup> _groups = [];

    public RuleFile(IEnumerable<RuleGroup> groups) => Groups = [.. groups];

    public ImmutableArray<RuleGroup> Groups
    {
        get => _groups;
        init
        {
            if (value.IsDefault || value.Any(g => g is null))
            {
                throw new ArgumentException("A file's groups must not be null.", nameof(Groups));
            }

            var repeated = value.GroupBy(g => g.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                throw new ArgumentException($"The group name \"{repeated.Key}\" appears more than once in one file.", nameof(Groups));
            }

            _groups = value;
        }
    }

    public IEnumerable<Rule> AllRules => Groups.SelectMany(g => g.Rules);

    public int AlertCount => AllRules.Count(r => r is AlertingRule);

    public int RecordCount => AllRules.Count(r => r is RecordingRule);

    public bool Equals(RuleFile? other) => other is not null && Groups.SequenceEqual(other.Groups);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var group in Groups)
        {
            hash.Add(group);
        }

        return hash.ToHashCode();
    }
}
