using System.Text.Json;
using Portal.Domain.Access;
using Portal.Domain.Capacity;
using Portal.Domain.Catalog;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Capacity;

internal sealed partial class CapacityStore
{
    /// <summary>The group every drafted capacity alert of a team goes into, in the namespace <see cref="NamespaceFor"/> names.</summary>
    public const string AlertGroup = "capacity";

    /// <summary>
    /// "Alert on this" goes through the rule store (and the runbook store for the link), so the draft is checked, linted,
    /// versioned and audited like any rule. Those are separate writes: when a later step fails, what the earlier ones
    /// made (the team's capacity namespace and group) is kept, since they are where the next draft would go anyway.
    /// </summary>
    public async Task<StoreResult<Guid>> DraftAlertAsync(Guid modelId, Caller caller, CancellationToken ct)
    {
        if (await ModelAsync(modelId, ct) is not { } model)
        {
            return Missing<Guid>("capacity model", modelId);
        }

        // The rule is written into the team's namespace: the caller needs the right to change that team's rules.
        if (await guard.CheckAsync(caller, PortalAction.EditRules, "capacity.alert", model.Spec.Name, model.Team) is { Allowed: false } decision)
        {
            return StoreResult<Guid>.Forbidden(decision.Reason);
        }

        if (model.Spec.RunbookSlug is { } slug && (await runbooks.FindAsync(slug, ct)).Runbook is null)
        {
            return StoreResult<Guid>.Invalid("runbookSlug", $"The model links the runbook \"{slug}\", which no longer exists; fix the link first.");
        }

        var group = await GroupAsync(model.Team, caller, ct);
        if (!group.Succeeded)
        {
            return group;
        }

        var groupId = group.Value;

        var content = CapacityAlertDraft.Create(model.Spec, model.Team);
        var saved = await rules.SaveAsync(new RuleEdit(null, groupId, content, 0, $"drafted from capacity model \"{model.Spec.Name}\""), caller, ct);
        if (saved.Value is not { } rule)
        {
            return new StoreResult<Guid>(saved.Outcome, default, saved.Errors);
        }

        if (model.Spec.RunbookSlug is { } linked)
        {
            var link = await runbooks.LinkRuleAsync(rule.Id, linked, caller, ct);
            if (!link.Succeeded)
            {
                return new StoreResult<Guid>(link.Outcome, rule.Id, link.Errors);
            }
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEvents.Add(AuditEvent.Record(Now(), caller, "capacity.alert", model.Spec.Name,
            JsonSerializer.Serialize(new { model = model.Id, rule = rule.Id, name = content.Name })));
        await db.SaveChangesAsync(CancellationToken.None);
        return StoreResult<Guid>.Ok(rule.Id);
    }

    /// <summary>"capacity-platform": one namespace per team, since a namespace belongs to exactly one team.</summary>
    public static string NamespaceFor(string team)
    {
        var name = System.Text.RegularExpressions.Regex.Replace(("capacity-" + team).ToLowerInvariant(), "[^a-z0-9._-]+", "-").Trim('-', '.', '_');
        return name.Length <= 100 ? name : name[..100].TrimEnd('-', '.', '_');
    }

    private async Task<StoreResult<Guid>> GroupAsync(string team, Caller caller, CancellationToken ct)
    {
        var ns = NamespaceFor(team);
        var existing = (await rules.GroupChoicesAsync(ct)).FirstOrDefault(g => g.Namespace == ns && g.Group == AlertGroup);
        if (existing is not null)
        {
            return existing.Team == team
                ? StoreResult<Guid>.Ok(existing.Id)
                : StoreResult<Guid>.Invalid("namespace", $"The namespace \"{ns}\" belongs to team {existing.Team}, not {team}; rename it or move the model.");
        }

        Guid namespaceId;
        if (await rules.NamespaceAsync(ns, ct) is { } detail)
        {
            if (detail.Namespace.Team != team)
            {
                return StoreResult<Guid>.Invalid("namespace", $"The namespace \"{ns}\" belongs to team {detail.Namespace.Team}, not {team}; rename it or move the model.");
            }

            namespaceId = detail.Namespace.Id;
        }
        else
        {
            var created = await rules.CreateNamespaceAsync(ns, team, caller, ct);
            if (created.Value is not { } summary)
            {
                return new StoreResult<Guid>(created.Outcome, default, created.Errors);
            }

            namespaceId = summary.Id;
        }

        var group = await rules.SaveGroupAsync(new GroupEdit(null, namespaceId, AlertGroup, null, null, 0), caller, ct);
        return group.Value is { } made ? StoreResult<Guid>.Ok(made.Id) : new StoreResult<Guid>(group.Outcome, default, group.Errors);
    }
}
