using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <param name="Note">The release note the user typed; required to publish, not for a dry run.</param>
/// <param name="Confirm">False: a dry run. True: publish.</param>
/// <param name="ConfirmEmpty">Publishing no rules at all makes Prometheus drop every rule the portal manages; it needs this too.</param>
/// <param name="Namespaces">The namespaces the release covers; null: the caller's teams' namespaces with changes (any, for an Admin or Publisher choosing none).</param>
public sealed record PublishRequest(string? Note, bool Confirm, bool ConfirmEmpty = false, IReadOnlyList<string>? Namespaces = null);
