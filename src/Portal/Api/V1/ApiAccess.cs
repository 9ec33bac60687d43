using Portal.Domain.Access;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Identity;

namespace Portal.Api.V1;

/// <summary>
/// The access policy at the API's edge: the caller is the token's owner; a refusal is 403 with the policy's
/// reason, and is itself an audit entry.
/// </summary>
public static class ApiAccess
{
    /// <summary>Null when the caller may; otherwise the 403 to answer (already audited).</summary>
    public static async Task<IResult?> RefuseUnlessAsync(HttpContext http, PortalAction action, string subject, IAuditLog audit, string? owningTeam = null)
    {
        var caller = PortalClaims.CallerOf(http.User);
        var decision = AccessPolicy.Decide(caller, action, owningTeam);
        if (decision.Allowed)
        {
            return null;
        }

        await audit.RecordAsync(caller.Name, "denied." + action.ToString().ToLowerInvariant(), subject,
            new { source = "api", reason = decision.Reason, address = http.Connection.RemoteIpAddress?.ToString() }, CancellationToken.None);
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: decision.Reason);
    }
}
