using System.Text.RegularExpressions;
using Portal.Domain.PromQl;

namespace Portal.Domain.Lint;

/// <summary>The bounds and thresholds of the live pass; configuration overrides them (<c>LiveLint:*</c>).</summary>
public sealed record LiveLintLimits
{
    /// <summary>How far back "never seen" looks.</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Selectors past this many are not examined (the first ones in the text are).</summary>
    public int MaxSelectors { get; init; } = 10;

    /// <summary>Equality matchers per selector whose values are looked up.</summary>
    public int MaxValueLookups { get; init; } = 5;

    /// <summary>An expression returning more series than this right now earns a cost warning.</summary>
    public int SeriesWarning { get; init; } = 1_000;

    /// <summary>An expression slower than this to evaluate earns a cost warning.</summary>
    public TimeSpan EvaluationWarning { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxSuggestions { get; init; } = 3;

    public static LiveLintLimits Default { get; } = new();
}
