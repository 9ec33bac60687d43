namespace Portal.Infrastructure.Prometheus;

public sealed record ActiveAlert(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string State, DateTimeOffset? ActiveAt, string Value);
