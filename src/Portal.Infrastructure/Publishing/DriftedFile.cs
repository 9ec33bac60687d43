using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

public sealed record DriftedFile(string FileName, string? Namespace, DriftKind Kind, string? LiveContent);
