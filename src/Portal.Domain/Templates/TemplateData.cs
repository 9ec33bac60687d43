namespace Portal.Domain.Templates;

/// <summary>What Prometheus hands an alert template: the sample value, its labels, and the server's identity.</summary>
public sealed record TemplateData(
    double Value,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string>? ExternalLabels = null,
    string ExternalUrl = "");
