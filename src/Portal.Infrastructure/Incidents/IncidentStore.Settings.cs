using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Incidents;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Incidents;

internal sealed partial class IncidentStore
{
    /// <summary>
    /// Taken by whoever seeds or replaces the severity levels, so that a first read seeding the starter set and an Admin
    /// saving theirs cannot interleave into a mix of both.
    /// </summary>
    private const long SeverityLevelsLock = 0x1AC1_DE47_5E7E_0001;

    private static readonly Regex TemplateKey = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public async Task<IReadOnlyList<SeverityLevel>> SeverityLevelsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.SeverityLevels.AnyAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeverityLevelsLock})", ct);
            // Under the lock, a reader that waited finds the set another one inserted, and an Admin's set stays whole.
            if (!await db.SeverityLevels.AnyAsync(ct))
            {
                var now = Now();
                foreach (var level in SeverityLevels.Starter)
                {
                    // ON CONFLICT as well: a portal whose lock differs (an older version) must not make this fail.
                    await db.Database.ExecuteSqlAsync($"""
                        INSERT INTO severity_levels (name, description, expected_response_seconds, label_values, rank, updated_at, updated_by)
                        VALUES ({level.Name}, {level.Description}, {(long)level.ExpectedResponse.TotalSeconds}, {level.LabelValues.ToArray()}, {level.Rank}, {now}, 'portal')
                        ON CONFLICT (name) DO NOTHING
                        """, ct);
                }
            }

            await transaction.CommitAsync(ct);
        }

        var rows = await db.SeverityLevels.AsNoTracking().OrderBy(l => l.Rank).ThenBy(l => l.Name).ToListAsync(ct);
        return rows.Select(Level).ToList();
    }

    public async Task<StoreResult<IReadOnlyList<SeverityLevel>>> SaveSeverityLevelsAsync(IReadOnlyList<SeverityLevel> levels, Caller caller, CancellationToken ct)
    {
        var clean = (levels ?? []).Select(l => l with
        {
            Name = (l.Name ?? "").Trim(),
            Description = (l.Description ?? "").Trim(),
            LabelValues = (l.LabelValues ?? []).Select(v => (v ?? "").Trim()).Where(v => v.Length > 0).ToList(),
        }).ToList();
        var errors = new List<FieldError>();
        if (clean.Count is 0 or > IncidentBounds.MaxSeverityLevels)
        {
            errors.Add(new FieldError("levels", $"Give from 1 to {IncidentBounds.MaxSeverityLevels} severity levels; there are {clean.Count}."));
        }
        else
        {
            for (var i = 0; i < clean.Count; i++)
            {
                var l = clean[i];
                errors.AddRange(Checked(($"levels[{i}].name", l.Name), ($"levels[{i}].description", l.Description)));
                errors.AddRange(l.LabelValues.SelectMany(v => Checked(($"levels[{i}].labelValues", v))));
                errors.AddRange(new[]
                {
                    TooLong($"levels[{i}].name", l.Name, IncidentBounds.MaxSeverityName, "name"),
                    TooLong($"levels[{i}].description", l.Description, IncidentBounds.MaxDescription, "description"),
                    l.LabelValues.Count > IncidentBounds.MaxLabelValuesPerLevel
                        ? new FieldError($"levels[{i}].labelValues", $"At most {IncidentBounds.MaxLabelValuesPerLevel} label values map to one level.")
                        : null,
                    l.LabelValues.FirstOrDefault(v => v.Length > 63) is { } longValue
                        ? new FieldError($"levels[{i}].labelValues", $"The label value \"{Fit(longValue, 40)}\" is longer than 63 characters.")
                        : null,
                    l.ExpectedResponse > TimeSpan.FromDays(30)
                        ? new FieldError($"levels[{i}].expectedResponse", "An expected response time is at most 30 days.")
                        : null,
                }.OfType<FieldError>());
            }

            if (errors.Count == 0)
            {
                errors.AddRange(SeverityLevels.Validate(clean));
            }
        }

        if (errors.Count > 0)
        {
            return StoreResult<IReadOnlyList<SeverityLevel>>.Invalid(errors);
        }

        // Every incident is measured against these: Admins alone change them.
        if (await guard.CheckAsync(caller, PortalAction.ManageSettings, "severity-levels.save", $"{clean.Count} levels") is { Allowed: false } decision)
        {
            return StoreResult<IReadOnlyList<SeverityLevel>>.Forbidden(decision.Reason);
        }

        var current = await SeverityLevelsAsync(ct);
        var ordered = clean.OrderBy(l => l.Rank).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
        if (current.Count == ordered.Count && current.Zip(ordered).All(p => Same(p.First, p.Second)))
        {
            return StoreResult<IReadOnlyList<SeverityLevel>>.Ok(current, changed: false);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeverityLevelsLock})", ct);
        await db.SeverityLevels.ExecuteDeleteAsync(ct);
        var now = Now();
        db.SeverityLevels.AddRange(ordered.Select(l => new SeverityLevelRow
        {
            Name = l.Name, Description = l.Description, ExpectedResponseSeconds = (long)l.ExpectedResponse.TotalSeconds,
            LabelValues = l.LabelValues.ToArray(), Rank = l.Rank, UpdatedAt = now, UpdatedBy = Actor(caller),
        }));
        db.AuditEvents.Add(AuditEvent.Record(now, caller, "severity-levels.save", $"{ordered.Count} levels", JsonSerializer.Serialize(new
        {
            before = current.Select(l => l.Name), after = ordered.Select(l => l.Name),
        })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return StoreResult<IReadOnlyList<SeverityLevel>>.Ok(ordered.Select(l => l with { ExpectedResponse = TimeSpan.FromSeconds((long)l.ExpectedResponse.TotalSeconds) }).ToList());
    }

    public async Task<IReadOnlyList<IncidentTemplate>> TemplatesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var starterKeys = StarterIncidentTemplates.All.Select(t => t.Key).ToList();
        if (await db.IncidentTemplates.CountAsync(t => starterKeys.Contains(t.Key), ct) < starterKeys.Count)
        {
            // Templates are never deleted, so a missing starter is one never inserted; an Admin's edit of one is kept.
            var now = Now();
            foreach (var t in StarterIncidentTemplates.All)
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO incident_templates (key, name, description, body, updated_at, updated_by)
                    VALUES ({t.Key}, {t.Name}, {t.Description}, {t.Body}, {now}, 'portal')
                    ON CONFLICT (key) DO NOTHING
                    """, ct);
            }
        }

        var rows = await db.IncidentTemplates.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Key).ToListAsync(ct);
        return rows.Select(t => new IncidentTemplate(t.Key, t.Name, t.Description, t.Body)).ToList();
    }

    public async Task<StoreResult<IncidentTemplate>> SaveTemplateAsync(IncidentTemplate template, Caller caller, CancellationToken ct)
    {
        var key = (template.Key ?? "").Trim();
        var name = (template.Name ?? "").Trim();
        var description = (template.Description ?? "").Trim();
        var body = template.Body ?? "";
        var errors = Checked(("key", key), ("name", name), ("description", description), ("body", body)).ToList();
        if (errors.Count == 0)
        {
            if (key.Length is 0 or > IncidentBounds.MaxTemplateKey || !TemplateKey.IsMatch(key))
            {
                errors.Add(new FieldError("key", $"A template key is 1 to {IncidentBounds.MaxTemplateKey} lower-case letters, digits and single hyphens, like \"postmortem\"."));
            }

            if (name.Length == 0)
            {
                errors.Add(new FieldError("name", "Give the template a name."));
            }

            errors.AddRange(new[]
            {
                TooLong("name", name, IncidentBounds.MaxTemplateName, "name"),
                TooLong("description", description, IncidentBounds.MaxDescription, "description"),
                TooLong("body", body, IncidentLimits.MaxTemplateBody, "body"),
            }.OfType<FieldError>());
            if (body.Length <= IncidentLimits.MaxTemplateBody)
            {
                errors.AddRange(Placeholders.Validate(body));
            }
        }

        if (errors.Count > 0)
        {
            return StoreResult<IncidentTemplate>.Invalid(errors);
        }

        // Templates are everyone's starting point: Admins alone change them.
        if (await guard.CheckAsync(caller, PortalAction.ManageSettings, "incident-template.save", key) is { Allowed: false } decision)
        {
            return StoreResult<IncidentTemplate>.Forbidden(decision.Reason);
        }

        await TemplatesAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.IncidentTemplates.FirstOrDefaultAsync(t => t.Key == key, ct);
        var saved = new IncidentTemplate(key, name, description, body);
        if (row is not null && row.Name == name && row.Description == description && row.Body == body)
        {
            return StoreResult<IncidentTemplate>.Ok(saved, changed: false);
        }

        if (row is null)
        {
            if (await db.IncidentTemplates.CountAsync(ct) >= IncidentBounds.MaxTemplates)
            {
                return StoreResult<IncidentTemplate>.Invalid("key", $"There are {IncidentBounds.MaxTemplates} templates, as many as the portal keeps; change one instead.");
            }

            row = new IncidentTemplateRow { Key = key };
            db.IncidentTemplates.Add(row);
        }

        var now = Now();
        (row.Name, row.Description, row.Body, row.UpdatedAt, row.UpdatedBy) = (name, description, body, now, Actor(caller));
        db.AuditEvents.Add(AuditEvent.Record(now, caller, "incident-template.save", key));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return new(StoreOutcome.Conflict, null, [new FieldError("key", $"Someone else created the template \"{key}\" at the same moment; look at it again.")]);
        }

        return StoreResult<IncidentTemplate>.Ok(saved);
    }

    private static SeverityLevel Level(SeverityLevelRow r) =>
        new(r.Name, r.Description, TimeSpan.FromSeconds(r.ExpectedResponseSeconds), r.LabelValues, r.Rank);

    private static bool Same(SeverityLevel a, SeverityLevel b) =>
        a.Name == b.Name && a.Description == b.Description && a.Rank == b.Rank
        && (long)a.ExpectedResponse.TotalSeconds == (long)b.ExpectedResponse.TotalSeconds
        && a.LabelValues.SequenceEqual(b.LabelValues, StringComparer.Ordinal);
}
