using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Reviews;

/// <summary>The change a decision is about: its owning team, its current content checksum, who made it.</summary>
public sealed record ReviewSubject(string Namespace, string Team, string CurrentChecksum, IReadOnlySet<string> Authors);
