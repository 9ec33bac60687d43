using Portal.Domain.Catalog;
using Portal.Domain.PromQl;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Tuning;

/// <summary>What a backtest needs to know about an alert: its query, condition, timing and severity.</summary>
public sealed record TuningTarget(
    string Name,
    string Query,
    TokenKind Operator,
    double Threshold,
    TimeSpan For,
    TimeSpan KeepFiringFor,
    TimeSpan Interval,
    string? Severity,
    Guid? RuleId = null)
{
    /// <summary>
    /// The longest unsaved expression the tuning page takes from its address (<c>/tuning?expr=</c>): escaped,
    /// it must still fit a request line (8 KB in Kestrel); a longer one is tuned after saving it as a rule.
    /// </summary>
    public const int MaxExploreLength = 2_000;

    /// <summary>An unsaved expression (the tuning page's Explore); refused with the place where the limit falls when too long.</summary>
    public static (TuningTarget? Target, string? Problem) Explore(string expression, TimeSpan @for, TimeSpan keepFiringFor, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > MaxExploreLength)
        {
            return (null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Position.At(expression, MaxExploreLength).InWords()}: the expression is {expression.Length:N0} characters long; an unsaved one can be tuned up to {MaxExploreLength:N0}. Save it as a rule and tune the rule."));
        }

        return FromExpression("Unsaved expression", expression, @for, keepFiringFor, interval, severity: null);
    }

    /// <summary>From an expression in threshold form; null (with the reason) when it has none.</summary>
    public static (TuningTarget? Target, string? Problem) FromExpression(string name, string expression, TimeSpan @for, TimeSpan keepFiringFor, TimeSpan interval, string? severity)
    {
        if (PromQlParser.Parse(expression).Error is { } error)
        {
            return (null, $"{error.Position.InWords()}: {error.Message}");
        }

        var form = ThresholdForm.Find(expression);
        if (form is null)
        {
            return (null, "The expression is not `query OP number`, so it has no threshold to tune.");
        }

        // `x > NaN` and `x > Inf` parse (both are PromQL literals), but no threshold axis holds them.
        return double.IsFinite(form.Threshold)
            ? (new TuningTarget(name, form.Query, form.Operator, form.Threshold, @for, keepFiringFor, interval, severity), null)
            : (null, $"The threshold is {form.Threshold}; tuning needs a finite number.");
    }
}
