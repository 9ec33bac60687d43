namespace Portal.Domain.Templates;

/// <summary>The rendered text, or the error that stopped rendering.</summary>
public sealed record TemplateResult(string? Text, TemplateError? Error)
{
    public bool Success => Error is null;

    /// <summary>Exactly what Prometheus would put into the annotation or label.</summary>
    public string PrometheusOutput(string alertName) => Error?.PrometheusAnnotation(alertName) ?? Text!;
}
