using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Runbooks;

internal sealed partial class RunbookStore
{
    public async Task<StoreResult<bool>> LinkRuleAsync(Guid ruleId, string? slug, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rule = await db.Rules.Include(r => r.Group).ThenInclude(g => g.Namespace)
            .FirstOrDefaultAsync(r => r.Id == ruleId && r.DeletedAt == null && r.Group.Namespace.DeletedAt == null, ct);
        if (rule is null)
        {
            return StoreResult<bool>.NotFound("rule");
        }

        Guid? runbookId = null;
        string? current = null;
        if (slug is not null)
        {
            runbookId = await ResolveAsync(db, slug.Trim(), ct);
            if (runbookId is null)
            {
                return NoRunbook<bool>(slug);
            }

            current = await Live(db).Where(r => r.Id == runbookId).Select(r => r.Slug).FirstAsync(ct);
        }

        var subject = $"{rule.Group.Namespace.Name}/{rule.Group.Name}/{rule.Name}";
        // A link is part of the rule (it becomes its runbook_url): whoever may edit the rule may link it.
        if (await guard.CheckAsync(caller, PortalAction.EditRules, "rule.runbook", subject, rule.Group.Namespace.Team) is { Allowed: false } decision)
        {
            return StoreResult<bool>.Forbidden(decision.Reason);
        }

        if (rule.Group.Namespace.ArchivedAt is not null)
        {
            return StoreResult<bool>.Invalid("namespace", $"Namespace {rule.Group.Namespace.Name} is archived, so its rules are read-only: unarchive it to link a runbook.");
        }

        if (rule.RunbookId == runbookId)
        {
            return StoreResult<bool>.Ok(true, changed: false);
        }

        var before = rule.RunbookId is { } old ? await db.Runbooks.Where(r => r.Id == old).Select(r => r.Slug).FirstOrDefaultAsync(ct) : null;
        rule.RunbookId = runbookId;
        db.AuditEvents.Add(AuditEvent.Record(Now(), caller, "rule.runbook", subject,
            JsonSerializer.Serialize(new { before, after = current })));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new StoreResult<bool>(StoreOutcome.Conflict, false, [new FieldError("version", "Someone else changed this rule at the same moment; try again.")]);
        }

        return StoreResult<bool>.Ok(true);
    }

    public async Task<IReadOnlyList<LinkedRule>> LinkedRulesAsync(string slug, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await ResolveAsync(db, slug, ct) is not { } id)
        {
            return [];
        }

        return await db.Rules.AsNoTracking()
            .Where(r => r.RunbookId == id && r.DeletedAt == null && r.Group.Namespace.DeletedAt == null)
            .OrderBy(r => r.Group.Namespace.Name).ThenBy(r => r.Group.Position).ThenBy(r => r.Position)
            .Select(r => new LinkedRule(r.Id, r.Name, r.Kind == RuleKind.Alerting, r.Group.Namespace.Name, r.Group.Name, r.Group.Namespace.Team))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> RuleLinksAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Rules.AsNoTracking()
            .Where(r => r.RunbookId != null && r.DeletedAt == null)
            .Join(Live(db), rule => rule.RunbookId, runbook => runbook.Id, (rule, runbook) => new { rule.Id, runbook.Slug })
            .ToDictionaryAsync(l => l.Id, l => l.Slug, ct);
    }

    public async Task<IReadOnlyList<RunbookTemplate>> TemplatesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.RunbookTemplates.AnyAsync(ct))
        {
            // A new installation (or one whose Admins removed every template) starts from the defaults.
            var now = Now();
            db.RunbookTemplates.AddRange(RunbookTemplates.Defaults.Select(t => new RunbookTemplateRow
            {
                Name = t.Name, Description = t.Description, Body = t.Body, UpdatedAt = now, UpdatedBy = "portal",
            }));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another request seeded them first: theirs are the same.
            }
        }

        await using var read = await factory.CreateDbContextAsync(ct);
        var rows = await read.RunbookTemplates.AsNoTracking().ToListAsync(ct);
        var order = RunbookTemplates.Defaults.Select(t => t.Name).ToList();
        return rows
            .OrderBy(t => order.IndexOf(t.Name) is var i and >= 0 ? i : int.MaxValue).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new RunbookTemplate(t.Name, t.Description, t.Body, t.UpdatedAt, t.UpdatedBy))
            .ToList();
    }

    public async Task<StoreResult<RunbookTemplate>> SaveTemplateAsync(RunbookTemplate template, Caller caller, CancellationToken ct)
    {
        var name = (template.Name ?? "").Trim();
        var description = (template.Description ?? "").Trim();
        var body = template.Body ?? "";
        var errors = StorableText.Check([("name", name), ("description", description), ("body", body)]).ToList();
        if (errors.Count == 0)
        {
            if (RunbookSlug.Check(name, "name") is { } badName)
            {
                errors.Add(badName with { Message = badName.Message.Replace("slug", "template name", StringComparison.Ordinal) });
            }

            if (description.Length > RunbookModel.MaxTemplateDescription)
            {
                errors.Add(new FieldError("description", $"The description has {description.Length} characters; at most {RunbookModel.MaxTemplateDescription}."));
            }

            errors.AddRange(RunbookLimits.CheckBody(body));
        }

        if (errors.Count > 0)
        {
            return StoreResult<RunbookTemplate>.Invalid(errors);
        }

        // Templates are everyone's starting point: Admins alone change them.
        if (await guard.CheckAsync(caller, PortalAction.ManageSettings, "runbook-template.save", name) is { Allowed: false } decision)
        {
            return StoreResult<RunbookTemplate>.Forbidden(decision.Reason);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.RunbookTemplates.FirstOrDefaultAsync(t => t.Name == name, ct);
        if (row is not null && row.Description == description && row.Body == body)
        {
            return StoreResult<RunbookTemplate>.Ok(new RunbookTemplate(row.Name, row.Description, row.Body, row.UpdatedAt, row.UpdatedBy), changed: false);
        }

        if (row is null)
        {
            row = new RunbookTemplateRow { Name = name };
            db.RunbookTemplates.Add(row);
        }

        var now = Now();
        (row.Description, row.Body, row.UpdatedAt, row.UpdatedBy) = (description, body, now, Audit.AuditText.Fit(caller.Name, ActorLength));
        db.AuditEvents.Add(AuditEvent.Record(now, caller, "runbook-template.save", name));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new(StoreOutcome.Conflict, null, [new FieldError("name", $"Someone else created the template \"{name}\" at the same moment; look at it again.")]);
        }

        return StoreResult<RunbookTemplate>.Ok(new RunbookTemplate(row.Name, row.Description, row.Body, row.UpdatedAt, row.UpdatedBy));
    }
}
