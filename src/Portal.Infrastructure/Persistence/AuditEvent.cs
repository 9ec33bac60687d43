using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Persistence;

/// <summary>One thing somebody did, kept forever: who, when, what, to which object.</summary>
public sealed class AuditEvent
{
    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string? Detail { get; private set; }

    /// <summary><c>ui</c>, <c>api</c> or <c>system</c> (see <see cref="Domain.Access.CallerSource"/>); null on rows older than the column.</summary>
    public string? Source { get; private set; }

    public string? ClientAddress { get; private set; }

    internal const int ActorLength = 200;
    internal const int ActionLength = 100;
    internal const int SubjectLength = 400;
    internal const int SourceLength = 10;
    internal const int ClientAddressLength = 64;

    private AuditEvent()
    {
    }

    public static AuditEvent Record(DateTimeOffset at, Domain.Access.Caller caller, string action, string subject, string? detailJson = null) =>
        Record(at, caller.Name, action, subject, detailJson, caller.Source, caller.Address);

    public static AuditEvent Record(DateTimeOffset at, string actor, string action, string subject, string? detailJson, string source, string? clientAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        // Whatever a refused request carried (a 500-character name, a NUL), its audit row must still be written.
        return new AuditEvent
        {
            At = at,
            Actor = Audit.AuditText.Fit(actor, ActorLength),
            Action = Audit.AuditText.Fit(action, ActionLength),
            Subject = Audit.AuditText.Fit(subject, SubjectLength),
            Detail = detailJson is null ? null : Audit.AuditText.Json(detailJson),
            Source = Audit.AuditText.Fit(source, SourceLength),
            ClientAddress = clientAddress is null ? null : Audit.AuditText.Fit(clientAddress, ClientAddressLength),
        };
    }
}
