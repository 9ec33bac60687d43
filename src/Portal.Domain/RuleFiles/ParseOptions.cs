namespace Portal.Domain.RuleFiles;

/// <summary>Options for <see cref="RuleFileParser.Parse"/>.</summary>
public sealed record ParseOptions
{
    public static readonly ParseOptions Default = new();

    private readonly string _defaultGroupName = "imported";

    /// <summary>
    /// The group that rules written without a group go into (bare lists, single rules, named queries).
    /// Callers pass the file name, so the group tells where the rules came from.
    /// </summary>
    public string DefaultGroupName
    {
        get => _defaultGroupName;
        init => _defaultGroupName = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("The default group name must not be blank.", nameof(DefaultGroupName))
            : value;
    }

    public InputFormat Format { get; init; } = InputFormat.Auto;

    /// <summary>
    /// Judge fields the way promtool does: unknown keys (a <c>severity:</c> beside <c>expr</c>, say) become
    /// errors instead of warnings. Used to predict whether Prometheus would load a file as it is.
    /// </summary>
    public bool Strict { get; init; }

    public ValidationOptions Validation { get; init; } = ValidationOptions.Default;

    /// <summary>
    /// Groups with an interval below this are errors at the interval's line; null accepts any interval
    /// (files already published are read back without it).
    /// </summary>
    public TimeSpan? MinimumGroupInterval { get; init; }

    /// <summary>Options whose default group is named after <paramref name="fileName"/> without its extension.</summary>
    public static ParseOptions ForFile(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return new ParseOptions { DefaultGroupName = string.IsNullOrWhiteSpace(name) ? "imported" : name };
    }
}
