using Portal.Domain.Access;
using Portal.Infrastructure.Audit;

namespace Portal.Infrastructure.Access;

/// <summary>
/// The access policy where the writes happen: every store and service asks here before it changes
/// anything, whoever called it (page, API, import). A refusal becomes a <c>denied.*</c> audit row.
/// </summary>
public sealed class AccessGuard(IAuditLog audit)
{
    /// <param name="attempted">The action as the audit log names it when allowed (<c>rule.update</c>); a refusal is logged as <c>denied.rule.update</c>.</param>
    public async Task<AccessDecision> CheckAsync(Caller caller, PortalAction action, string attempted, string subject, string? owningTeam = null)
    {
        var decision = AccessPolicy.Decide(caller, action, owningTeam);
        if (!decision.Allowed)
        {
            // Never cancelled: a refusal is recorded even when the caller gave up waiting.
            await audit.RecordAsync(caller, "denied." + attempted, subject, new { reason = decision.Reason }, CancellationToken.None);
        }

        return decision;
    }

    /// <summary>Like <see cref="CheckAsync"/>, but a refusal throws <see cref="AccessDeniedException"/>.</summary>
    public async Task DemandAsync(Caller caller, PortalAction action, string attempted, string subject, string? owningTeam = null)
    {
        if (await CheckAsync(caller, action, attempted, subject, owningTeam) is { Allowed: false } decision)
        {
            throw new AccessDeniedException(decision.Reason);
        }
    }
}
