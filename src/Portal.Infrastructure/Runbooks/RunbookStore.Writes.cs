using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Runbooks;

internal sealed partial class RunbookStore
{
    private const int ActorLength = 200;

    public async Task<StoreResult<RunbookDetail>> SaveAsync(RunbookEdit edit, Caller caller, CancellationToken ct)
    {
        var (clean, errors) = Clean(edit);
        if (errors.Count > 0)
        {
            return StoreResult<RunbookDetail>.Invalid(errors);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Now();
        RunbookRow row;
        string attempted;
        if (clean.Version is not { } version)
        {
            attempted = "runbook.create";
            if (await RefusalAsync(caller, attempted, clean.Slug, clean.Team) is { } refusal)
            {
                return StoreResult<RunbookDetail>.Forbidden(refusal);
            }

            row = new RunbookRow { Id = Guid.NewGuid(), CreatedAt = now };
            db.Runbooks.Add(row);
        }
        else
        {
            attempted = "runbook.update";
            var originalSlug = clean.OriginalSlug ?? clean.Slug;
            if (!RunbookSlug.IsValid(originalSlug) || await db.Runbooks.FirstOrDefaultAsync(r => r.Slug == originalSlug && r.DeletedAt == null, ct) is not { } existing)
            {
                return NoRunbook<RunbookDetail>(originalSlug);
            }

            // Handing a runbook to another team takes it from its own: the caller needs both teams' rights.
            if (await RefusalAsync(caller, attempted, existing.Slug, existing.Team, clean.Team) is { } refusal)
            {
                return StoreResult<RunbookDetail>.Forbidden(refusal);
            }

            if (existing.Version != version)
            {
                return StoreResult<RunbookDetail>.Conflict(null);
            }

            row = existing;
            if (row.SameContent(clean.Slug, clean.Title, clean.Tags, clean.Team, clean.Body) && row.ReviewIntervalDays == clean.ReviewIntervalDays)
            {
                return StoreResult<RunbookDetail>.Ok(Detail(row), changed: false);
            }

            db.Entry(row).Property(r => r.Version).OriginalValue = version;
        }

        if (await WriteAsync(db, row, clean, caller, now, ct) is { } invalid)
        {
            return StoreResult<RunbookDetail>.Invalid([invalid]);
        }

        db.AuditEvents.Add(AuditEvent.Record(now, caller, attempted, row.Slug, JsonSerializer.Serialize(new
        {
            reason = clean.Reason, revision = row.Revision, team = row.Team, renamedFrom = clean.Version is not null && clean.OriginalSlug != clean.Slug ? clean.OriginalSlug : null,
        })));
        return await SaveOrConflictAsync(db, row, caller, ct);
    }

    public async Task<StoreResult<bool>> DeleteAsync(string slug, uint version, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!RunbookSlug.IsValid(slug) || await db.Runbooks.FirstOrDefaultAsync(r => r.Slug == slug && r.DeletedAt == null, ct) is not { } row)
        {
            return NoRunbook<bool>(slug);
        }

        if (await RefusalAsync(caller, "runbook.delete", row.Slug, row.Team) is { } refusal)
        {
            return StoreResult<bool>.Forbidden(refusal);
        }

        if (row.Version != version)
        {
            return new StoreResult<bool>(StoreOutcome.Conflict, false, [new FieldError("version", "Someone else changed this runbook since you opened it.")]);
        }

        // The row and its revisions stay; its slugs become free and its rules lose their link (publishing must not
        // point runbook_url at a page that says "not found").
        var now = Now();
        (row.DeletedAt, row.DeletedBy) = (now, Audit.AuditText.Fit(caller.Name, ActorLength));
        db.Entry(row).Property(r => r.Version).OriginalValue = version;
        var linked = await db.Rules.Where(r => r.RunbookId == row.Id).ToListAsync(ct);
        linked.ForEach(r => r.RunbookId = null);
        db.RunbookRedirects.RemoveRange(await db.RunbookRedirects.Where(r => r.RunbookId == row.Id).ToListAsync(ct));
        db.AuditEvents.Add(AuditEvent.Record(now, caller, "runbook.delete", row.Slug,
            JsonSerializer.Serialize(new { team = row.Team, revision = row.Revision, unlinkedRules = linked.Select(r => r.Id) })));
        try
        {
            await db.SaveChangesAsync(ct);
            changes.Announce(Cluster.ChangeKinds.Runbook, row.Slug, caller.Name, detail: "deleted");
            return StoreResult<bool>.Ok(true);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new StoreResult<bool>(StoreOutcome.Conflict, false, [new FieldError("version", "Someone else changed this runbook since you opened it.")]);
        }
    }

    public async Task<StoreResult<RunbookDetail>> MarkReviewedAsync(string slug, Caller caller, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!RunbookSlug.IsValid(slug) || await db.Runbooks.FirstOrDefaultAsync(r => r.Slug == slug && r.DeletedAt == null, ct) is not { } row)
        {
            return NoRunbook<RunbookDetail>(slug);
        }

        if (await RefusalAsync(caller, "runbook.review", row.Slug, row.Team) is { } refusal)
        {
            return StoreResult<RunbookDetail>.Forbidden(refusal);
        }

        var now = Now();
        (row.LastReviewedAt, row.LastReviewedBy) = (now, Audit.AuditText.Fit(caller.Name, ActorLength));
        db.AuditEvents.Add(AuditEvent.Record(now, caller, "runbook.review", row.Slug));
        return await SaveOrConflictAsync(db, row, caller, ct);
    }

    public async Task<StoreResult<RunbookDetail>> RestoreAsync(string slug, int number, uint version, Caller caller, CancellationToken ct)
    {
        var current = await FindAsync(slug, ct);
        if (current.Runbook is not { } runbook)
        {
            return NoRunbook<RunbookDetail>(slug);
        }

        if (await RevisionAsync(slug, number, ct) is not { } old)
        {
            return new StoreResult<RunbookDetail>(StoreOutcome.NotFound, null, [new FieldError("revision", $"Runbook {slug} has no revision {number}.")]);
        }

        // The content comes back; the slug stays, so that links made since the old revision keep working.
        return await SaveAsync(new RunbookEdit(runbook.Slug, runbook.Slug, old.Info.Title, old.Tags, old.Team, old.Body,
            runbook.ReviewIntervalDays, version, $"restored revision {number}"), caller, ct);
    }

    public async Task<StoreResult<IReadOnlyList<RunbookDetail>>> ImportAsync(IReadOnlyList<RunbookEdit> runbooks, Caller caller, CancellationToken ct)
    {
        if (runbooks.Count == 0)
        {
            return StoreResult<IReadOnlyList<RunbookDetail>>.Invalid("runbooks", "The import holds no runbooks.");
        }

        // Every item's problems at once, each named by its place and slug, so one round of fixes suffices.
        var errors = new List<FieldError>();
        var cleaned = new List<RunbookEdit>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < runbooks.Count; i++)
        {
            var (clean, problems) = Clean(runbooks[i] with { OriginalSlug = null, Version = null });
            errors.AddRange(problems.Select(p => Item(i, clean.Slug, p)));
            if (problems.Count == 0 && !seen.TryAdd(clean.Slug, i))
            {
                errors.Add(Item(i, clean.Slug, new FieldError("slug", $"Runbook {seen[clean.Slug] + 1} of this import has the same slug.")));
            }

            cleaned.Add(clean);
        }

        if (errors.Count > 0)
        {
            return StoreResult<IReadOnlyList<RunbookDetail>>.Invalid(errors);
        }

        if (await RefusalAsync(caller, "runbook.import", $"{cleaned.Count} runbooks", cleaned.Select(c => c.Team).ToArray()) is { } refusal)
        {
            return StoreResult<IReadOnlyList<RunbookDetail>>.Forbidden(refusal);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = Now();
        var rows = new List<RunbookRow>();
        for (var i = 0; i < cleaned.Count; i++)
        {
            var row = new RunbookRow { Id = Guid.NewGuid(), CreatedAt = now };
            db.Runbooks.Add(row);
            if (await WriteAsync(db, row, cleaned[i] with { Reason = cleaned[i].Reason ?? "imported" }, caller, now, ct) is { } invalid)
            {
                errors.Add(Item(i, cleaned[i].Slug, invalid));
            }

            rows.Add(row);
        }

        if (errors.Count > 0)
        {
            return StoreResult<IReadOnlyList<RunbookDetail>>.Invalid(errors);
        }

        db.AuditEvents.Add(AuditEvent.Record(now, caller, "runbook.import", $"{rows.Count} runbooks",
            JsonSerializer.Serialize(new { slugs = rows.Select(r => r.Slug) })));
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new(StoreOutcome.Conflict, null, [new FieldError("slug", "Another runbook took one of these slugs at the same moment; nothing was imported.")]);
        }
        catch (DbUpdateException e) when (TooManyWords(e))
        {
            return StoreResult<IReadOnlyList<RunbookDetail>>.Invalid("body", TooManyWordsMessage + " Nothing was imported.");
        }

        changes.Announce(Cluster.ChangeKinds.Runbook, "", caller.Name, detail: "import");
        return StoreResult<IReadOnlyList<RunbookDetail>>.Ok(rows.Select(Detail).ToList());
    }

    /// <summary>The edit as stored (trimmed, tags normalized) and its problems, field by field.</summary>
    private static (RunbookEdit Clean, IReadOnlyList<FieldError> Errors) Clean(RunbookEdit edit)
    {
        var clean = edit with
        {
            OriginalSlug = edit.OriginalSlug?.Trim(),
            Slug = (edit.Slug ?? "").Trim(),
            Title = (edit.Title ?? "").Trim(),
            Tags = RunbookLimits.NormalizeTags(edit.Tags),
            Team = (edit.Team ?? "").Trim(),
            Body = edit.Body ?? "",
            Reason = string.IsNullOrWhiteSpace(edit.Reason) ? null : edit.Reason.Trim(),
        };
        return (clean, RunbookLimits.Check(clean.Slug, clean.Title, clean.Tags, clean.Team, clean.Body, clean.ReviewIntervalDays, clean.Reason));
    }

    /// <summary>
    /// Writes the edit into <paramref name="row"/> (new or tracked), with a revision when the content changed and the
    /// redirects a rename needs; the problem when the slug or team cannot be used.
    /// </summary>
    private static async Task<FieldError?> WriteAsync(PortalDbContext db, RunbookRow row, RunbookEdit edit, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        if (await NoSuchTeamAsync(db, edit.Team, "team", ct) is { } noTeam)
        {
            return noTeam;
        }

        if (row.Slug != edit.Slug)
        {
            var holder = await db.Runbooks.AsNoTracking().Where(r => r.Slug == edit.Slug && r.DeletedAt == null && r.Id != row.Id)
                .Select(r => r.Title).FirstOrDefaultAsync(ct);
            if (holder is not null)
            {
                return new FieldError("slug", $"The slug \"{edit.Slug}\" belongs to the runbook \"{holder}\"; choose another.");
            }

            // A slug once renamed away from is taken over by whichever runbook now claims it, this one included.
            db.RunbookRedirects.RemoveRange(await db.RunbookRedirects.Where(r => r.Slug == edit.Slug).ToListAsync(ct));
            if (row.Slug.Length > 0)
            {
                db.RunbookRedirects.Add(new RunbookRedirectRow { Slug = row.Slug, RunbookId = row.Id, CreatedAt = now });
            }
        }

        var contentChanged = !row.SameContent(edit.Slug, edit.Title, edit.Tags, edit.Team, edit.Body);
        (row.Slug, row.Title, row.Tags, row.Team, row.Body, row.ReviewIntervalDays) =
            (edit.Slug, edit.Title, edit.Tags.ToArray(), edit.Team, edit.Body, edit.ReviewIntervalDays);
        (row.UpdatedAt, row.UpdatedBy) = (now, Audit.AuditText.Fit(caller.Name, ActorLength));
        if (contentChanged)
        {
            row.Revision++;
            db.RunbookRevisions.Add(new RunbookRevisionRow
            {
                RunbookId = row.Id, Number = row.Revision, At = now, By = row.UpdatedBy, Reason = edit.Reason,
                Slug = row.Slug, Title = row.Title, Tags = row.Tags, Team = row.Team, Body = row.Body,
            });
        }

        return null;
    }

    private async Task<StoreResult<RunbookDetail>> SaveOrConflictAsync(PortalDbContext db, RunbookRow row, Caller caller, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StoreResult<RunbookDetail>.Conflict(null);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two writers claimed the same slug at the same moment: the other one won.
            return new(StoreOutcome.Conflict, null, [new FieldError("slug", $"Another runbook took the slug \"{row.Slug}\" at the same moment; nothing was saved.")]);
        }
        catch (DbUpdateException e) when (TooManyWords(e))
        {
            return StoreResult<RunbookDetail>.Invalid("body", TooManyWordsMessage);
        }

        changes.Announce(Cluster.ChangeKinds.Runbook, row.Slug, caller.Name, row.Version);
        return StoreResult<RunbookDetail>.Ok(Detail(row));
    }

    // PostgreSQL's search vector holds at most 1 MB; a body of that size made of distinct words (never prose) exceeds it.
    private static bool TooManyWords(DbUpdateException e) => e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ProgramLimitExceeded };

    private const string TooManyWordsMessage =
        "The body has too many distinct words to be indexed for search (PostgreSQL's limit for one document); shorten it or split the runbook.";

    private static FieldError Item(int index, string slug, FieldError error) =>
        new($"runbooks[{index}].{error.Field}", $"Runbook {index + 1}{(RunbookSlug.IsValid(slug) ? $" ({slug})" : "")}: {error.Message}", error.Position);

    private static StoreResult<T> NoRunbook<T>(string? slug) =>
        new(StoreOutcome.NotFound, default, [new FieldError("slug", $"There is no runbook \"{(slug is { Length: <= 100 } ? slug : "(too long)")}\".")]);
}
