namespace Portal.Domain.RuleFiles;

/// <summary>Prometheus' naming rules for metrics and labels (the classic ASCII rules of 2.42).</summary>
public static class PrometheusNames
{
    public const string MetricNameLabel = "__name__";

    public static bool IsValidMetricName(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] is '_' or ':')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    public static bool IsValidLabelName(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
