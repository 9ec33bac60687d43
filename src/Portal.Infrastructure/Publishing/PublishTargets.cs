using Portal.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

internal sealed class PublishTargets(IDbContextFactory<PortalDbContext> factory, IOptionsMonitor<PublishingOptions> options, TimeProvider clock, Access.AccessGuard guard) : IPublishTargets
{
    public async Task<IReadOnlyList<PublishTarget>> ListAsync(CancellationToken ct)
    {
        var configured = options.CurrentValue.Targets
            .Where(t => t.Url is not null && t.Name.Length > 0)
            .Select(t => new PublishTarget(t.Name, t.Url!, t.RulesDirectory, t.FilePrefix, TargetSource.Configuration))
            .ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.PublishTargets.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        return configured
            .Concat(stored.Where(s => configured.All(c => c.Name != s.Name))
                .Select(s => new PublishTarget(s.Name, new Uri(s.Url), s.RulesDirectory, s.FilePrefix, TargetSource.Database)
                {
                    OutsideAllowedRoots = !TargetRoots.Allows(AllowedRoots(), s.RulesDirectory),
                }))
            .ToList();
    }

    public async Task<IReadOnlyList<TargetError>> AddAsync(PublishTarget target, Caller caller, CancellationToken ct)
    {
        var name = target.Name.Trim();
        if (await guard.CheckAsync(caller, PortalAction.ManageTargets, "target.add", name) is { Allowed: false } refused)
        {
            return [new("access", refused.Reason)];
        }

        var errors = new List<TargetError>();
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9][a-z0-9._-]{0,62}$"))
        {
            errors.Add(new("name", "Use 1–63 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit."));
        }
        else if ((await ListAsync(ct)).Any(t => t.Name == name))
        {
            errors.Add(new("name", $"A target named {name} exists already."));
        }

        if (!target.Url.IsAbsoluteUri || target.Url.Scheme is not ("http" or "https"))
        {
            errors.Add(new("url", "The Prometheus URL must be an absolute http:// or https:// address."));
        }

        string? outsideRoots = null;
        if (!Path.IsPathRooted(target.RulesDirectory) || !Directory.Exists(target.RulesDirectory))
        {
            errors.Add(new("rulesDirectory", $"{target.RulesDirectory} is not an existing absolute directory on the portal's machine."));
        }
        else if (!TargetRoots.Allows(AllowedRoots(), target.RulesDirectory))
        {
            outsideRoots = $"{target.RulesDirectory} is outside the directories publish targets may use ({string.Join(", ", AllowedRoots())}); " +
                "an operator can add one under Publishing:AllowedRoots.";
            errors.Add(new("rulesDirectory", outsideRoots));
        }

        if (target.FilePrefix.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(target.FilePrefix, "^[A-Za-z0-9._-]{1,40}$"))
        {
            errors.Add(new("filePrefix", "A prefix may hold letters, digits, dots, dashes and underscores (at most 40)."));
        }

        if (outsideRoots is not null)
        {
            // Not a typo but an attempt to write elsewhere on the machine: it goes in the audit log like an access refusal.
            await using var audit = await factory.CreateDbContextAsync(ct);
            audit.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "denied.target.add", name.Length <= 200 ? name : name[..200] + "…",
                System.Text.Json.JsonSerializer.Serialize(new { reason = outsideRoots, target.RulesDirectory })));
            await audit.SaveChangesAsync(ct);
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        db.PublishTargets.Add(new PublishTargetRow
        {
            Name = name,
            Url = target.Url.ToString(),
            RulesDirectory = target.RulesDirectory,
            FilePrefix = target.FilePrefix,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = caller.Name,
        });
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "target.add", name,
            System.Text.Json.JsonSerializer.Serialize(new { url = target.Url.ToString(), target.RulesDirectory, target.FilePrefix })));
        await db.SaveChangesAsync(ct);
        return [];
    }

    private IReadOnlyList<string> AllowedRoots() => options.CurrentValue.AllowedRoots is { Count: > 0 } roots
        ? roots
        : [.. options.CurrentValue.Targets.Select(t => t.RulesDirectory).Where(d => d.Length > 0)];

    public async Task<bool> RemoveAsync(string name, Caller caller, CancellationToken ct)
    {
        await guard.DemandAsync(caller, PortalAction.ManageTargets, "target.remove", name);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.PublishTargets.FirstOrDefaultAsync(t => t.Name == name, ct);
        if (row is null)
        {
            return false;
        }

        db.PublishTargets.Remove(row);
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "target.remove", name));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
