using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Publishing;
using Portal.Domain.Reviews;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Reviews;

/// <summary>Namespace review in PostgreSQL: decisions in <c>namespace_reviews</c>, the setting on the namespace row.</summary>
internal sealed class ReviewStore(IDbContextFactory<PortalDbContext> factory, IRuleStore rules, IAuditLog audit, TimeProvider clock) : IReviewStore
{
    /// <summary>Enough changes to show who did what; authors are counted over all of them.</summary>
    private const int ShownChanges = 200;

    public async Task<IReadOnlyDictionary<string, ReviewGate>> GatesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var gated = await db.Namespaces.AsNoTracking().Where(n => n.ReviewRequired)
            .Select(n => new
            {
                n.Name,
                Latest = db.NamespaceReviews.Where(r => r.NamespaceId == n.Id).OrderByDescending(r => r.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return gated.ToDictionary(
            g => g.Name,
            g => g.Latest is { Decision: ReviewDecision.Approve } approval
                ? new ReviewGate(g.Name, approval.Checksum, approval.Actor, approval.At)
                : new ReviewGate(g.Name, null, null, null),
            StringComparer.Ordinal);
    }

    public async Task<NamespaceReview?> ReviewAsync(string @namespace, CancellationToken ct)
    {
        if (!StorableText.IsStorable(@namespace))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var ns = await db.Namespaces.AsNoTracking().FirstOrDefaultAsync(n => n.Name == @namespace, ct);
        if (ns is null)
        {
            return null;
        }

        var current = await CurrentFileAsync(ns.Name, ct);
        var published = await PublishedFileAsync(db, ns.Name, ct);
        var since = await PublishedAtAsync(db, published, ct);
        var (authors, changes) = await AuthorsSinceAsync(db, ns, since, ct);
        var before = published is null ? new Dictionary<string, RuleFile>() : new() { [ns.Name] = RuleFileParser.Parse(published.Content).File };
        var history = await db.NamespaceReviews.AsNoTracking().Where(r => r.NamespaceId == ns.Id).OrderByDescending(r => r.Id).ToListAsync(ct);
        return new NamespaceReview(
            ns.Name,
            ns.Team,
            ns.ReviewRequired,
            ReviewRules.Checksum(current),
            published?.ReleaseNumber,
            since == DateTimeOffset.MinValue ? null : since,
            ReleaseDiff.Between(before, new Dictionary<string, RuleFile> { [ns.Name] = current }),
            authors,
            changes,
            history.Select(r => r.ToInfo()).ToList());
    }

    public async Task<StoreResult<ReviewDecisionInfo>> DecideAsync(string @namespace, ReviewRequest request, Caller caller, CancellationToken ct)
    {
        var attempted = request.Decision == ReviewDecision.Approve ? "review.approve" : "review.reject";
        if (!StorableText.IsStorable(@namespace))
        {
            return StoreResult<ReviewDecisionInfo>.NotFound($"namespace \"{StorableText.Replace(@namespace)}\"");
        }

        if (StorableText.Check("comment", request.Comment) is { } unstorable)
        {
            return StoreResult<ReviewDecisionInfo>.Invalid([unstorable]);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var ns = await db.Namespaces.AsNoTracking().FirstOrDefaultAsync(n => n.Name == @namespace, ct);
        if (ns is null)
        {
            return StoreResult<ReviewDecisionInfo>.NotFound($"namespace \"{@namespace}\"");
        }

        // The checksum and the authors are read before the decision is written. An edit in between is
        // harmless: the approval is for the checksum read here, and the gate refuses any other content.
        var checksum = ReviewRules.Checksum(await CurrentFileAsync(ns.Name, ct));
        var published = await PublishedFileAsync(db, ns.Name, ct);
        var (authors, _) = await AuthorsSinceAsync(db, ns, await PublishedAtAsync(db, published, ct), ct);
        var subject = new ReviewSubject(ns.Name, ns.Team, checksum, authors.ToHashSet(StringComparer.Ordinal));
        if (ReviewRules.Check(caller, subject, request) is { } refusal)
        {
            if (refusal.Kind == ReviewRefusalKind.Forbidden)
            {
                // Never cancelled: a refusal is recorded even when the caller gave up waiting.
                await audit.RecordAsync(caller, "denied." + attempted, ns.Name, new { reason = refusal.Reason, checksum }, CancellationToken.None);
            }

            return ReviewResults.Refused<ReviewDecisionInfo>(refusal);
        }

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var now = clock.GetUtcNow();
        var row = new ReviewRow { NamespaceId = ns.Id, Decision = request.Decision, Checksum = checksum, Actor = caller.Name, At = now, Comment = comment };
        db.NamespaceReviews.Add(row);
        db.AuditEvents.Add(AuditEvent.Record(now, caller, attempted, ns.Name, JsonSerializer.Serialize(new
        {
            checksum,
            comment,
            authors,
            publishedRelease = published?.ReleaseNumber,
        })));
        await db.SaveChangesAsync(ct);
        return StoreResult<ReviewDecisionInfo>.Ok(row.ToInfo());
    }

    public async Task<StoreResult<bool>> SetRequiredAsync(string @namespace, bool required, Caller caller, CancellationToken ct)
    {
        if (!StorableText.IsStorable(@namespace))
        {
            return StoreResult<bool>.NotFound($"namespace \"{StorableText.Replace(@namespace)}\"");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var ns = await db.Namespaces.FirstOrDefaultAsync(n => n.Name == @namespace, ct);
        if (ns is null)
        {
            return StoreResult<bool>.NotFound($"namespace \"{@namespace}\"");
        }

        // Whoever may approve may also decide that approval is needed; an Editor cannot switch review off to skip it.
        if (ReviewRules.MayReview(caller, ns.Team) is { } refusal)
        {
            await audit.RecordAsync(caller, "denied.review.required", ns.Name, new { reason = refusal, required }, CancellationToken.None);
            return StoreResult<bool>.Forbidden(refusal);
        }

        // Setting the value it already has writes nothing: a flag has no lost update to guard against.
        if (ns.ReviewRequired == required)
        {
            return StoreResult<bool>.Ok(required, changed: false);
        }

        ns.ReviewRequired = required;
        db.AuditEvents.Add(AuditEvent.Record(clock.GetUtcNow(), caller, "review.required", ns.Name, JsonSerializer.Serialize(new { required })));
        await db.SaveChangesAsync(ct);
        return StoreResult<bool>.Ok(required);
    }

    private async Task<RuleFile> CurrentFileAsync(string @namespace, CancellationToken ct) =>
        (await rules.ExportAsync(@namespace, ct)).FirstOrDefault(e => e.Namespace == @namespace)?.File ?? new RuleFile([]);

    /// <summary>
    /// The namespace's file as last published: the newest one in a release that some target verified live.
    /// One place on purpose: the lead replaces it with the per-target verified files.
    /// </summary>
    /// <summary>The newest file of the namespace some target verifiably holds (decision 0025): what the review diffs against.</summary>
    private static async Task<ReleaseFileRow?> PublishedFileAsync(PortalDbContext db, string @namespace, CancellationToken ct) =>
        await db.TargetFiles.AsNoTracking()
            .Where(f => f.Namespace == @namespace)
            .OrderByDescending(f => f.Release)
            .Select(f => new ReleaseFileRow { Namespace = f.Namespace, FileName = f.FileName, Content = f.Content, Checksum = f.Checksum, ReleaseNumber = f.Release })
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// When the published content was made: a file carried over unchanged keeps the header of the release
    /// that rendered it, so changes from before that release are in it and later ones are not.
    /// </summary>
    private static async Task<DateTimeOffset> PublishedAtAsync(PortalDbContext db, ReleaseFileRow? published, CancellationToken ct)
    {
        if (published is null)
        {
            return DateTimeOffset.MinValue;
        }

        var rendered = ReleaseFiles.ReleaseOf(published.Content) ?? published.ReleaseNumber;
        return await db.Releases.AsNoTracking().Where(r => r.Number == rendered || r.Number == published.ReleaseNumber)
            .OrderBy(r => r.Number).Select(r => r.At).FirstAsync(ct);
    }

    /// <summary>
    /// Who changed the namespace's content after <paramref name="since"/>: rule versions of its rules (deleted
    /// ones included), and catalog writes that leave no version (groups, deletes, moves in, imports);
    /// <c>denied.*</c> and <c>review.*</c> rows change nothing and make nobody an author.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Authors, IReadOnlyList<ReviewChange> Changes)> AuthorsSinceAsync(
        PortalDbContext db, NamespaceRow ns, DateTimeOffset since, CancellationToken ct)
    {
        var versions = await db.RuleVersions.AsNoTracking()
            .Where(v => v.At > since)
            .Join(db.Rules.Where(r => r.Group.NamespaceId == ns.Id), v => v.RuleId, r => r.Id, (v, r) => new { v.Actor, v.At, r.Name, v.Number, v.Reason })
            .OrderByDescending(x => x.At)
            .ToListAsync(ct);
        var prefix = ns.Name + "/";
        var writes = await db.AuditEvents.AsNoTracking()
            .Where(e => e.At > since && (e.Subject == ns.Name || e.Subject.StartsWith(prefix)))
            .Where(e => e.Action.StartsWith("rule.") || e.Action.StartsWith("rules.") || e.Action.StartsWith("group.") || e.Action.StartsWith("namespace."))
            .OrderByDescending(e => e.At)
            .Select(e => new { e.Actor, e.At, e.Action, e.Subject })
            .ToListAsync(ct);
        var changes = versions.Select(v => new ReviewChange(v.Actor, v.At, $"{v.Name} version {v.Number}" + (v.Reason is null ? "" : $" ({v.Reason})")))
            // Rule saves are already there as their versions.
            .Concat(writes.Where(w => w.Action is not ("rule.create" or "rule.update"))
                .Select(w => new ReviewChange(w.Actor, w.At, $"{w.Action} {w.Subject}")))
            .OrderByDescending(c => c.At)
            .ToList();
        var authors = versions.Select(v => v.Actor).Concat(writes.Select(w => w.Actor)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return (authors, changes.Take(ShownChanges).ToList());
    }
}
