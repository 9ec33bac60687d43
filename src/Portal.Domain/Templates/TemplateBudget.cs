namespace Portal.Domain.Templates;

/// <summary>The running count of one rendering against its limits.</summary>
internal sealed class TemplateBudget(TemplateLimits limits)
{
    // .NET regexes backtrack where RE2 would not; steps do not bound their time, so this does.
    private static readonly TimeSpan RegexAllowance = TimeSpan.FromSeconds(1);

    private int _steps;
    private TimeSpan _regexTime;

    public TemplateLimits Limits { get; } = limits;

    /// <summary>A budget no rendering uses: only function signatures are read through it.</summary>
    public static TemplateBudget Unbounded { get; } = new(new TemplateLimits { OutputCharacters = int.MaxValue, Steps = int.MaxValue });

    public void Step(int count = 1)
    {
        _steps += count;
        if (_steps > Limits.Steps || _steps < 0)
        {
            throw new TemplateBudgetException($"template takes more than {Format(Limits.Steps)} evaluation steps");
        }
    }

    /// <summary>Refuses output that would grow past the limit, before it is appended.</summary>
    public void CheckOutput(int length)
    {
        if (length > Limits.OutputCharacters || length < 0)
        {
            throw new TemplateBudgetException($"template output exceeds {Format(Limits.OutputCharacters)} characters");
        }
    }

    /// <summary>Refuses a computed value that could never be printed within the limit.</summary>
    public GoValue CheckValue(GoValue value)
    {
        if (value is GoString s && s.Value.Length > Limits.OutputCharacters)
        {
            throw new TemplateBudgetException($"template value exceeds {Format(Limits.OutputCharacters)} characters");
        }
        return value;
    }

    public T TimeRegex<T>(Func<T> run)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        T result;
        try
        {
            result = run();
        }
        finally
        {
            _regexTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
        }
        return _regexTime > RegexAllowance
            ? throw new TemplateBudgetException("template spends more than a second in regular expressions")
            : result;
    }

    public static string Format(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
