namespace Portal.Infrastructure.Cluster;

/// <summary>
/// "Something changed": what kind of thing, which one, who, on which replica and when. Small on purpose: a page that
/// cares reloads what it shows from the database, so a notice never has to carry (or be trusted for) the data itself.
/// </summary>
/// <param name="Revision">The changed row's concurrency version after the write, when it has one: an editor that already
/// holds that version made the change itself and says nothing.</param>
public sealed record ChangeNotice(string Kind, string Key, string Actor, string Replica, DateTimeOffset At, string? Revision = null, string? Detail = null)
{
    /// <summary>Longest kind, key, actor or replica kept; longer ones are cut, so that a notice always fits the wire limit.</summary>
    internal const int MaxField = 200;

    /// <summary>Longest detail kept.</summary>
    internal const int MaxDetail = 1000;

    internal ChangeNotice Bounded() => this with
    {
        Kind = Cut(Kind, MaxField), Key = Cut(Key, MaxField), Actor = Cut(Actor, MaxField), Replica = Cut(Replica, MaxField),
        Revision = Revision is null ? null : Cut(Revision, MaxField), Detail = Detail is null ? null : Cut(Detail, MaxDetail),
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>The kinds of <see cref="ChangeNotice"/> the portal sends; pages listen for the ones they show.</summary>
public static class ChangeKinds
{
    public const string Rule = "rule";
    public const string Group = "group";
    public const string Namespace = "namespace";
    public const string Runbook = "runbook";
    public const string Capacity = "capacity";
    public const string Incident = "incident";

    /// <summary>A publish or rollback: started, one target's progress, or its result. Key: the release number.</summary>
    public const string Release = "release";
}
