namespace Portal.Domain.Publishing;

/// <param name="Chosen">The namespaces the caller chose; null for the default (their teams' changes).</param>
/// <param name="CallerTeams">The caller's teams; a caller without one (an Admin's token, the portal itself) takes every change by default.</param>
/// <param name="Rollback">A rollback: namespaces of other teams it would revert are listed, and taken only when chosen.</param>
public sealed record PlanRequest(IReadOnlySet<string>? Chosen, IReadOnlySet<string> CallerTeams, bool Rollback = false);
