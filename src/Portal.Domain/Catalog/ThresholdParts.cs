using Portal.Domain.PromQl;

namespace Portal.Domain.Catalog;

/// <summary>
/// An alert expression cut around its threshold: <c>Head + ThresholdText + Tail</c> is the expression,
/// byte for byte. The catalog stores these parts as columns, so thresholds are data that tuning can
/// change while the rest of the text stays exactly as the team wrote it.
/// </summary>
public sealed record ThresholdParts(
    string Head,
    string ThresholdText,
    string Tail,
    string Query,
    string Operator,
    double Threshold)
{
    public string Expression => Head + ThresholdText + Tail;

    public static ThresholdParts? Of(string expression)
    {
        var form = ThresholdForm.Find(expression);
        if (form is null)
        {
            return null;
        }

        var span = form.ThresholdSpan;
        return new ThresholdParts(expression[..span.Start], expression[span.Start..span.End], expression[span.End..],
            form.Query, form.OperatorSymbol, form.Threshold);
    }

    /// <summary>Puts the parts back together after storage; refuses parts that no longer form a threshold.</summary>
    public static ThresholdParts Rebuild(string head, string thresholdText, string tail) =>
        Of(head + thresholdText + tail) is { } parts && parts.Head == head && parts.Tail == tail
            ? parts
            : throw new InvalidOperationException($"\"{head}{thresholdText}{tail}\" no longer has its threshold at the stored place.");

    public ThresholdParts WithThreshold(double threshold)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), "A threshold must be a number, not NaN.");
        }

        return this with { ThresholdText = ThresholdForm.FormatThreshold(threshold), Threshold = threshold };
    }
}
