using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Catalog;

internal sealed partial class RuleStore
{
    public async Task<ImportPlan> PlanImportAsync(ImportRequest request, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RunImportAsync(db, request, actor: null, ct);
    }

    public async Task<ImportPlan> PlanImportAsync(ImportRequest request, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await RunImportAsync(db, request, actor: null, ct, caller);
        var name = request.Namespace.Trim();
        var owner = await db.Namespaces.AsNoTracking().Where(n => n.Name == name).Select(n => n.Team).FirstOrDefaultAsync(ct) ?? request.Team?.Trim();
        // The decision ImportAsync makes, without its audit row: the import would be refused as a whole,
        // so every item it would have written is refused here too, with the reason.
        var decision = AccessPolicy.Decide(caller, PortalAction.EditRules, owner);
        if (plan.Refused || decision.Allowed)
        {
            return plan;
        }

        return plan with
        {
            Items = plan.Items.Select(i => i.Action is ImportAction.Create or ImportAction.Update ? i with { Action = ImportAction.Refuse, Reason = decision.Reason } : i).ToList(),
        };
    }

    public async Task<StoreResult<ImportPlan>> ImportAsync(ImportRequest request, Caller caller, CancellationToken ct)
    {
        if (Unstorable(request) is { Count: > 0 } unstorable)
        {
            return StoreResult<ImportPlan>.Invalid(unstorable);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // An import writes into one namespace: the team that owns it (held still until the import commits,
        // so nobody hands it to another team in between), or the team a new one is made for.
        var name = request.Namespace.Trim();
        var owner = (await db.Namespaces.FromSql($"SELECT * FROM rule_namespaces WHERE name = {name} AND deleted_at IS NULL FOR UPDATE").AsNoTracking()
            .Select(n => n.Team).ToListAsync(ct)).FirstOrDefault() ?? request.Team?.Trim();
        if (owner is null && caller.Source != CallerSource.System && NamespaceNames.CheckTeam(request.Team) is { } noTeam)
        {
            return StoreResult<ImportPlan>.Invalid("team", $"{name} is a new namespace. {noTeam.Message}");
        }

        if (await RefusalAsync(caller, "rules.import", name, owner) is { } refusal)
        {
            return StoreResult<ImportPlan>.Forbidden(refusal);
        }

        var plan = await RunImportAsync(db, request, caller, ct, caller);
        if (plan.Refused)
        {
            return new StoreResult<ImportPlan>(StoreOutcome.Invalid, plan, [new FieldError("text", plan.RefusedReason ?? "refused")]);
        }

        // Two imports making the same new namespace: the FOR UPDATE above had no row to hold, so the second
        // one's insert meets the unique index and its whole transaction is rolled back.
        if (!await SavedFirstAsync(db, ct))
        {
            return CreatedMeanwhile<ImportPlan>("namespace", $"Namespace \"{name}\" was created by another import or user at the same moment.");
        }

        await transaction.CommitAsync(ct);
        changes.Announce(Cluster.ChangeKinds.Namespace, name, caller.Name, detail: "import");
        return StoreResult<ImportPlan>.Ok(plan, plan.Count(ImportAction.Create) + plan.Count(ImportAction.Update) > 0);
    }

    /// <summary>
    /// Decides per item what the import does, and with an actor also stages it in the context. An
    /// imported rule is the same rule as a stored one when group, kind and name match (the n-th of
    /// equal names matches the n-th), so importing the same text twice changes nothing.
    /// </summary>
    private async Task<ImportPlan> RunImportAsync(PortalDbContext db, ImportRequest request, Caller? actor, CancellationToken ct, Caller? caller = null)
    {
        if (Unstorable(request) is [var first, ..])
        {
            return new ImportPlan([], true, first.ToString());
        }

        var namespaceName = request.Namespace.Trim();
        if (!NamespaceNames.IsValid(namespaceName))
        {
            return new ImportPlan([], true, $"\"{namespaceName}\" is not a valid namespace name (lower-case letters, digits, '.', '_', '-').");
        }

        var options = new ParseOptions
        {
            DefaultGroupName = string.IsNullOrWhiteSpace(request.FileName) ? namespaceName : Path.GetFileNameWithoutExtension(request.FileName),
            MinimumGroupInterval = MinimumGroupInterval,
        };
        var result = RuleFileParser.Parse(request.Text, options);
        if (result.Refused)
        {
            return new ImportPlan([], true, result.Report.FirstOrDefault()?.Reason ?? "The input was refused.");
        }

        var ns = await db.Namespaces.FirstOrDefaultAsync(n => n.Name == namespaceName, ct);
        if (ns is not null && ReadOnly(ns) is { } archived)
        {
            return new ImportPlan([], true, archived.Message);
        }

        if (ns is null && request.Team is { } team && !string.IsNullOrWhiteSpace(team) && !await db.Teams.AnyAsync(t => t.Name == team.Trim(), ct))
        {
            return new ImportPlan([], true, $"There is no team \"{team.Trim()}\" to own the new namespace {namespaceName}: an Admin creates teams on the Admin page.");
        }

        // People (the pages, the API) name the team of a namespace they make; the portal's own callers may leave it for later.
        if (ns is null && caller is { Source: not CallerSource.System } && NamespaceNames.CheckTeam(request.Team) is { } noTeam)
        {
            return new ImportPlan([], true, $"{namespaceName} is a new namespace. {noTeam.Message}");
        }
        if (ns is null && actor is not null)
        {
            ns = new NamespaceRow { Id = Guid.NewGuid(), Name = namespaceName, Team = request.Team?.Trim() ?? "", CreatedAt = clock.GetUtcNow() };
            db.Namespaces.Add(ns);
        }

        var groups = ns is null ? [] : await db.Groups.Where(g => g.NamespaceId == ns.Id).ToListAsync(ct);
        var groupIds = groups.Select(g => g.Id).ToList();
        var stored = await db.Rules.Where(r => groupIds.Contains(r.GroupId) && r.DeletedAt == null).OrderBy(r => r.Position).ToListAsync(ct);
        var items = new List<ImportItem>();
        var reportLines = result.Report.ToList();
        foreach (var line in reportLines.Where(l => l.Status is ReportStatus.Error or ReportStatus.Info))
        {
            items.Add(new ImportItem(line.Status == ReportStatus.Error ? ImportAction.Refuse : ImportAction.Note,
                line.Kind.ToString().ToLowerInvariant(), line.Name, "", line.Line, line.Reason));
        }

        var now = clock.GetUtcNow();
        var nextGroupPosition = groups.Count == 0 ? 0 : groups.Max(g => g.Position) + 1;
        foreach (var group in result.File.Groups)
        {
            // YAML escapes ("\0", "\uD800") can make in a name what the text itself did not hold.
            if ((StorableText.Check("name", group.Name) ?? TooLong("name", "A group name", group.Name, MaxGroupName)) is { } tooLong)
            {
                items.AddRange(group.Rules.Select(rule => new ImportItem(ImportAction.Refuse, rule is AlertingRule ? "alert" : "record", rule.Name,
                    group.Name, TakeReportLine(reportLines, RuleContent.From(rule))?.Line ?? 0, $"group {tooLong.Message}")));
                continue;
            }

            var groupRow = groups.FirstOrDefault(g => g.Name == group.Name);
            if (groupRow is null && actor is not null)
            {
                groupRow = new GroupRow { Id = Guid.NewGuid(), NamespaceId = ns!.Id, Name = group.Name, IntervalMs = group.Interval?.TotalMilliseconds, Limit = group.Limit, Position = nextGroupPosition++ };
                db.Groups.Add(groupRow);
                groups.Add(groupRow);
            }

            var existing = groupRow is null ? [] : stored.Where(r => r.GroupId == groupRow.Id).ToList();
            var nextPosition = existing.Count == 0 ? 0 : existing.Max(r => r.Position) + 1;
            var seen = new Dictionary<(RuleKind, string), int>();
            foreach (var rule in group.Rules)
            {
                var content = RuleContent.From(rule);
                var line = TakeReportLine(reportLines, content);
                var key = (content.Kind, content.Name);
                var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
                var match = existing.Where(r => r.Kind == content.Kind && r.Name == content.Name).Skip(occurrence - 1).FirstOrDefault();
                var kind = content.Kind == RuleKind.Alerting ? "alert" : "record";
                var errors = StorableText.Check(content) is { Count: > 0 } unstorable ? unstorable : content.Validate();
                if (TooLong("name", "A rule name", content.Name, MaxRuleName) is { } tooLongName)
                {
                    errors = [.. errors, tooLongName];
                }

                if (errors.Count > 0)
                {
                    items.Add(new ImportItem(ImportAction.Refuse, kind, content.Name, group.Name, line?.Line ?? 0, string.Join("; ", errors)));
                    continue;
                }

                var note = line is { Status: ReportStatus.Warning } ? line.Reason : "";
                if (match is not null && match.ToContent() == content)
                {
                    items.Add(new ImportItem(ImportAction.Unchanged, kind, content.Name, group.Name, line?.Line ?? 0, note));
                    continue;
                }

                items.Add(new ImportItem(match is null ? ImportAction.Create : ImportAction.Update, kind, content.Name, group.Name, line?.Line ?? 0, note));
                if (actor is null)
                {
                    continue;
                }

                var row = match ?? new RuleRow { Id = Guid.NewGuid(), GroupId = groupRow!.Id, Position = nextPosition++, CreatedAt = now };
                if (match is null)
                {
                    db.Rules.Add(row);
                }
                else
                {
                    RecordThresholdChange(db, row, content, actor.Name, now, "import");
                }

                WriteVersion(db, row, content, actor.Name, now, request.FileName is null ? "import" : $"import of {request.FileName}");
            }
        }

        if (actor is not null)
        {
            db.AuditEvents.Add(AuditEvent.Record(now, actor, "rules.import", namespaceName,
                System.Text.Json.JsonSerializer.Serialize(new
                {
                    file = request.FileName,
                    created = items.Count(i => i.Action == ImportAction.Create),
                    updated = items.Count(i => i.Action == ImportAction.Update),
                    refused = items.Count(i => i.Action == ImportAction.Refuse),
                })));
        }

        return new ImportPlan(items.OrderBy(i => i.Line).ToList(), false, null);
    }

    /// <summary>What of the request PostgreSQL could not store (or even look up); the text's position is its line:column.</summary>
    private static IReadOnlyList<FieldError> Unstorable(ImportRequest request) =>
        StorableText.Check([("namespace", request.Namespace), ("text", request.Text), ("fileName", request.FileName), ("team", request.Team)]);

    private static ReportLine? TakeReportLine(List<ReportLine> lines, RuleContent content)
    {
        var kind = content.Kind == RuleKind.Alerting ? ReportKind.Alert : ReportKind.Record;
        var index = lines.FindIndex(l => l.Kind == kind && l.Name == content.Name && l.Status is ReportStatus.Imported or ReportStatus.Warning);
        if (index < 0)
        {
            return null;
        }

        var line = lines[index];
        lines.RemoveAt(index);
        return line;
    }
}
