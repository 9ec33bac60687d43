namespace Portal.Infrastructure.Prometheus;

public sealed class PrometheusException(PrometheusErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public PrometheusErrorKind Kind { get; } = kind;

    /// <summary>Where in the query a parse error is, read from Prometheus' "line:column: parse error" message.</summary>
    public Portal.Domain.PromQl.Position? Position { get; } = ReadPosition(message);

    private static Portal.Domain.PromQl.Position? ReadPosition(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"(\d+):(\d+): parse error");
        return match.Success ? new Portal.Domain.PromQl.Position(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)) : null;
    }
}
