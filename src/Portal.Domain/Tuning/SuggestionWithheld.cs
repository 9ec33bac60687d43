namespace Portal.Domain.Tuning;

/// <summary>Why no threshold is suggested, for scripts; the explanation says it in words.</summary>
public static class SuggestionWithheld
{
    public const string NoData = "no-data";
    public const string Coverage = "coverage";
    public const string Flat = "flat";
    public const string Operator = "operator";
    public const string OverBudget = "over-budget";
}
