using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;

namespace Portal.Tests.Unit.Fakes;

/// <summary>
/// Runbooks in memory, with the real store's rules as far as the pages depend on them: rights by the access policy,
/// a version that every write changes and a stale one conflicts with, a revision per change, redirects from old
/// slugs, and search snippets marked with <see cref="SearchSnippet"/>'s characters. Tests can answer a call
/// differently (<see cref="NextSave"/>) or hold a search back (<see cref="SearchGate"/>).
/// </summary>
internal sealed class FakeRunbookStore : IRunbookStore
{
    private readonly Dictionary<string, Entry> _runbooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _redirects = new(StringComparer.Ordinal);
    private uint _nextVersion = 100;

    private sealed class Entry
    {
        public required RunbookDetail Current { get; set; }

        public List<RunbookRevision> Revisions { get; } = [];

        public List<LinkedRule> Links { get; } = [];
    }

    public List<RunbookTemplate> Templates { get; } =
    [
        new("default", "The sections on-call people look for", "# Summary\n\n# Detection\n\n# Immediate actions\n"),
        new("short", "Just the steps", "# Steps\n"),
    ];

    public List<RunbookEdit> Saved { get; } = [];

    public List<RunbookSearch> Searches { get; } = [];

    /// <summary>Answers the next save instead of the store's rules (then forgets it).</summary>
    public Func<RunbookEdit, StoreResult<RunbookDetail>?>? NextSave { get; set; }

    /// <summary>When set, searches wait for it (honouring cancellation), so a test can overtake one with the next.</summary>
    public TaskCompletionSource? SearchGate { get; set; }

    private TaskCompletionSource<RunbookSearch>? _searchArrived;

    /// <summary>Completes when the next search reaches the store (before <see cref="SearchGate"/> holds it).</summary>
    public Task<RunbookSearch> NextSearch()
    {
        _searchArrived = new TaskCompletionSource<RunbookSearch>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _searchArrived.Task;
    }

    public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public RunbookDetail Add(string slug, string title, string team = "team-a", string body = "# Steps\n", IReadOnlyList<string>? tags = null,
        int? reviewDays = null, DateTimeOffset? reviewedAt = null, string by = "alice")
    {
        var detail = new RunbookDetail(Guid.NewGuid(), slug, title, tags ?? [], team, body, reviewDays, reviewedAt, reviewedAt is null ? null : by,
            1, Now, by, _nextVersion++) { CreatedAt = Now };
        var entry = new Entry { Current = detail };
        entry.Revisions.Add(RevisionOf(detail, "created"));
        _runbooks[slug] = entry;
        return detail;
    }

    public void Link(string slug, LinkedRule rule) => _runbooks[slug].Links.Add(rule);

    /// <summary>Someone else's save: a new revision and version, as a conflict needs.</summary>
    public RunbookDetail ChangeBehindTheirBack(string slug, string body, string by = "carol")
    {
        var entry = _runbooks[slug];
        entry.Current = entry.Current with { Body = body, Revision = entry.Current.Revision + 1, Version = _nextVersion++, UpdatedBy = by, UpdatedAt = Now };
        entry.Revisions.Add(RevisionOf(entry.Current, "their change"));
        return entry.Current;
    }

    public RunbookDetail? Get(string slug) => _runbooks.GetValueOrDefault(slug)?.Current;

    private static RunbookRevision RevisionOf(RunbookDetail d, string? reason) =>
        new(new RunbookRevisionInfo(d.Revision, d.UpdatedAt, d.UpdatedBy, reason, d.Title, d.Slug), d.Tags, d.Team, d.Body);

    private static StoreResult<T>? Refused<T>(Caller caller, string team) =>
        AccessPolicy.Decide(caller, PortalAction.EditRunbooks, team) is { Allowed: false } decision ? StoreResult<T>.Forbidden(decision.Reason) : null;

    public Task<IReadOnlyList<RunbookSummary>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RunbookSummary>>(_runbooks.Values.Select(e => e.Current)
            .Select(d => new RunbookSummary(d.Slug, d.Title, d.Tags, d.Team, d.UpdatedAt, d.UpdatedBy, d.ReviewDue(d.CreatedAt),
                _runbooks[d.Slug].Links.Count))
            .ToList());

    public Task<RunbookLookup> FindAsync(string slug, CancellationToken ct) =>
        Task.FromResult(_runbooks.TryGetValue(slug, out var entry) ? new RunbookLookup(entry.Current, null)
            : new RunbookLookup(null, _redirects.GetValueOrDefault(slug)));

    public Task<StoreResult<RunbookDetail>> SaveAsync(RunbookEdit edit, Caller caller, CancellationToken ct)
    {
        Saved.Add(edit);
        if (NextSave is { } answer)
        {
            NextSave = null;
            if (answer(edit) is { } result)
            {
                return Task.FromResult(result);
            }
        }

        return Task.FromResult(Save(edit, caller));
    }

    private StoreResult<RunbookDetail> Save(RunbookEdit edit, Caller caller)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(edit.Title))
        {
            errors.Add(new FieldError("title", "A runbook needs a title."));
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(edit.Slug, "^[a-z0-9]+(-[a-z0-9]+)*$"))
        {
            errors.Add(new FieldError("slug", "A slug is lower-case letters and digits with hyphens between words."));
        }

        if (System.Text.Encoding.UTF8.GetByteCount(edit.Body) > 1024 * 1024)
        {
            errors.Add(new FieldError("body", "The body is over 1 MB."));
        }

        if (errors.Count > 0)
        {
            return StoreResult<RunbookDetail>.Invalid(errors);
        }

        Entry? entry = null;
        if (edit.OriginalSlug is { } original && !_runbooks.TryGetValue(original, out entry))
        {
            return StoreResult<RunbookDetail>.NotFound("Runbook");
        }

        if (Refused<RunbookDetail>(caller, entry?.Current.Team ?? edit.Team) is { } refused)
        {
            return refused;
        }

        // Handing a runbook to another team needs the right to write for that team too.
        if (entry is not null && edit.Team != entry.Current.Team && Refused<RunbookDetail>(caller, edit.Team) is { } refusedTeam)
        {
            return refusedTeam;
        }

        if (entry is not null && edit.Version != entry.Current.Version)
        {
            return StoreResult<RunbookDetail>.Conflict(null);
        }

        if (edit.Slug != edit.OriginalSlug && (_runbooks.ContainsKey(edit.Slug) || _redirects.ContainsKey(edit.Slug)))
        {
            return StoreResult<RunbookDetail>.Invalid("slug", $"The slug {edit.Slug} is taken.");
        }

        if (entry is null)
        {
            var created = new RunbookDetail(Guid.NewGuid(), edit.Slug, edit.Title, edit.Tags, edit.Team, edit.Body, edit.ReviewIntervalDays, null, null,
                1, Now, caller.Name, _nextVersion++) { CreatedAt = Now };
            entry = new Entry { Current = created };
            entry.Revisions.Add(RevisionOf(created, edit.Reason));
            _runbooks[edit.Slug] = entry;
            return StoreResult<RunbookDetail>.Ok(created);
        }

        var old = entry.Current;
        if (old.Slug == edit.Slug && old.Title == edit.Title && old.Tags.SequenceEqual(edit.Tags) && old.Team == edit.Team && old.Body == edit.Body
            && old.ReviewIntervalDays == edit.ReviewIntervalDays)
        {
            return StoreResult<RunbookDetail>.Ok(old, changed: false);
        }

        entry.Current = old with
        {
            Slug = edit.Slug, Title = edit.Title, Tags = edit.Tags, Team = edit.Team, Body = edit.Body, ReviewIntervalDays = edit.ReviewIntervalDays,
            Revision = old.Revision + 1, UpdatedAt = Now, UpdatedBy = caller.Name, Version = _nextVersion++,
        };
        entry.Revisions.Add(RevisionOf(entry.Current, edit.Reason));
        if (old.Slug != edit.Slug)
        {
            _runbooks.Remove(old.Slug);
            _runbooks[edit.Slug] = entry;
            _redirects[old.Slug] = edit.Slug;
        }

        return StoreResult<RunbookDetail>.Ok(entry.Current);
    }

    public Task<StoreResult<bool>> DeleteAsync(string slug, uint version, Caller caller, CancellationToken ct)
    {
        if (!_runbooks.TryGetValue(slug, out var entry))
        {
            return Task.FromResult(StoreResult<bool>.NotFound("Runbook"));
        }

        if (Refused<bool>(caller, entry.Current.Team) is { } refused)
        {
            return Task.FromResult(refused);
        }

        if (version != entry.Current.Version)
        {
            return Task.FromResult(StoreResult<bool>.Conflict(null));
        }

        _runbooks.Remove(slug);
        return Task.FromResult(StoreResult<bool>.Ok(true));
    }

    public Task<StoreResult<RunbookDetail>> MarkReviewedAsync(string slug, Caller caller, CancellationToken ct)
    {
        if (!_runbooks.TryGetValue(slug, out var entry))
        {
            return Task.FromResult(StoreResult<RunbookDetail>.NotFound("Runbook"));
        }

        if (Refused<RunbookDetail>(caller, entry.Current.Team) is { } refused)
        {
            return Task.FromResult(refused);
        }

        entry.Current = entry.Current with { LastReviewedAt = Now, LastReviewedBy = caller.Name, Version = _nextVersion++ };
        return Task.FromResult(StoreResult<RunbookDetail>.Ok(entry.Current));
    }

    public Task<IReadOnlyList<RunbookRevisionInfo>> RevisionsAsync(string slug, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RunbookRevisionInfo>>(_runbooks.TryGetValue(slug, out var entry)
            ? entry.Revisions.Select(r => r.Info).OrderByDescending(r => r.Number).ToList()
            : []);

    public Task<RunbookRevision?> RevisionAsync(string slug, int number, CancellationToken ct) =>
        Task.FromResult(_runbooks.TryGetValue(slug, out var entry) ? entry.Revisions.FirstOrDefault(r => r.Info.Number == number) : null);

    public Task<StoreResult<RunbookDetail>> RestoreAsync(string slug, int number, uint version, Caller caller, CancellationToken ct)
    {
        if (!_runbooks.TryGetValue(slug, out var entry) || entry.Revisions.FirstOrDefault(r => r.Info.Number == number) is not { } revision)
        {
            return Task.FromResult(StoreResult<RunbookDetail>.NotFound("Revision"));
        }

        var edit = new RunbookEdit(slug, slug, revision.Info.Title, revision.Tags, revision.Team, revision.Body, entry.Current.ReviewIntervalDays, version,
            $"restored revision {number}");
        return Task.FromResult(Save(edit, caller));
    }

    public async Task<IReadOnlyList<RunbookHit>> SearchAsync(RunbookSearch search, CancellationToken ct)
    {
        lock (Searches)
        {
            Searches.Add(search);
        }

        _searchArrived?.TrySetResult(search);

        if (SearchGate is { } gate)
        {
            await gate.Task.WaitAsync(ct);
        }

        ct.ThrowIfCancellationRequested();
        var words = search.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return _runbooks.Values.Select(e => e.Current)
            .Where(d => search.Tag is null || d.Tags.Contains(search.Tag))
            .Where(d => search.Team is null || d.Team == search.Team)
            .Select(d => (Detail: d, Title: words.Count(w => d.Title.Contains(w, StringComparison.OrdinalIgnoreCase)),
                Body: words.Count(w => d.Body.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .Where(x => x.Title + x.Body > 0)
            .OrderByDescending(x => x.Title * 10 + x.Body)
            .Select(x => new RunbookHit(x.Detail.Slug, x.Detail.Title, x.Detail.Tags, x.Detail.Team, Mark(x.Detail.Body, words), x.Title * 10 + x.Body))
            .Take(search.Limit)
            .ToList();
    }

    /// <summary>The body with each word between the snippet markers, as <c>ts_headline</c> would mark it.</summary>
    private static string Mark(string body, IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            body = System.Text.RegularExpressions.Regex.Replace(body, System.Text.RegularExpressions.Regex.Escape(word),
                m => SearchSnippet.Start + m.Value + SearchSnippet.Stop, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        }

        return body;
    }

    public List<IReadOnlyList<RunbookEdit>> Imports { get; } = [];

    /// <summary>Answers the next import instead of the store's rules (then forgets it).</summary>
    public Func<IReadOnlyList<RunbookEdit>, StoreResult<IReadOnlyList<RunbookDetail>>?>? NextImport { get; set; }

    /// <summary>As the real store: every item checked first (problems named <c>runbooks[i].field</c>), then all written or none.</summary>
    public Task<StoreResult<IReadOnlyList<RunbookDetail>>> ImportAsync(IReadOnlyList<RunbookEdit> runbooks, Caller caller, CancellationToken ct)
    {
        Imports.Add(runbooks);
        if (NextImport is { } answer)
        {
            NextImport = null;
            if (answer(runbooks) is { } result)
            {
                return Task.FromResult(result);
            }
        }

        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < runbooks.Count; i++)
        {
            var edit = runbooks[i];
            if (!System.Text.RegularExpressions.Regex.IsMatch(edit.Slug, "^[a-z0-9]+(-[a-z0-9]+)*$"))
            {
                errors.Add(new FieldError($"runbooks[{i}].slug", $"Runbook {i + 1}: a slug is lower-case letters and digits with hyphens between words."));
            }
            else if (_runbooks.ContainsKey(edit.Slug) || !seen.Add(edit.Slug))
            {
                errors.Add(new FieldError($"runbooks[{i}].slug", $"Runbook {i + 1} ({edit.Slug}): the slug \"{edit.Slug}\" is taken; choose another."));
            }
        }

        if (errors.Count > 0)
        {
            return Task.FromResult(StoreResult<IReadOnlyList<RunbookDetail>>.Invalid(errors));
        }

        if (runbooks.Select(r => r.Team).Distinct().Select(t => Refused<IReadOnlyList<RunbookDetail>>(caller, t)).FirstOrDefault(r => r is not null) is { } refused)
        {
            return Task.FromResult(refused);
        }

        var created = runbooks.Select(edit => Save(edit with { OriginalSlug = null, Version = null }, caller).Value!).ToList();
        return Task.FromResult(StoreResult<IReadOnlyList<RunbookDetail>>.Ok(created));
    }

    public Task<IReadOnlyList<RunbookTemplate>> TemplatesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<RunbookTemplate>>(Templates.ToList());

    public List<RunbookTemplate> SavedTemplates { get; } = [];

    /// <summary>As the real store: a slug-like name, Admins only; a new name adds a template, a known one replaces it.</summary>
    public Task<StoreResult<RunbookTemplate>> SaveTemplateAsync(RunbookTemplate template, Caller caller, CancellationToken ct)
    {
        SavedTemplates.Add(template);
        if (!System.Text.RegularExpressions.Regex.IsMatch(template.Name, "^[a-z0-9]+(-[a-z0-9]+)*$"))
        {
            return Task.FromResult(StoreResult<RunbookTemplate>.Invalid("name", "A template name is lower-case letters and digits with hyphens between words."));
        }

        if (!caller.IsAdmin)
        {
            return Task.FromResult(StoreResult<RunbookTemplate>.Forbidden("Only Admins change runbook templates."));
        }

        var saved = template with { UpdatedAt = Now, UpdatedBy = caller.Name };
        var at = Templates.FindIndex(t => t.Name == template.Name);
        if (at >= 0)
        {
            Templates[at] = saved;
        }
        else
        {
            Templates.Add(saved);
        }

        return Task.FromResult(StoreResult<RunbookTemplate>.Ok(saved));
    }

    /// <summary>Every link or unlink asked for: rule, slug (null: unlink) and who.</summary>
    public List<(Guid Rule, string? Slug, string By)> LinkCalls { get; } = [];

    /// <summary>When set, links are refused with this reason, as the store refuses another team's rule.</summary>
    public string? LinkRefusal { get; set; }

    public Task<StoreResult<bool>> LinkRuleAsync(Guid ruleId, string? slug, Caller caller, CancellationToken ct)
    {
        if (LinkRefusal is { } reason)
        {
            return Task.FromResult(StoreResult<bool>.Forbidden(reason));
        }

        if (slug is not null && !_runbooks.ContainsKey(slug))
        {
            return Task.FromResult(StoreResult<bool>.NotFound("runbook"));
        }

        LinkCalls.Add((ruleId, slug, caller.Name));
        return Task.FromResult(StoreResult<bool>.Ok(true));
    }

    public Task<IReadOnlyList<LinkedRule>> LinkedRulesAsync(string slug, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LinkedRule>>(_runbooks.TryGetValue(slug, out var entry) ? entry.Links.ToList() : []);

    public Task<IReadOnlyDictionary<Guid, string>> RuleLinksAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string>>(_runbooks.Values.SelectMany(e => e.Links.Select(l => (l.RuleId, e.Current.Slug)))
            .ToDictionary(x => x.RuleId, x => x.Slug));
}
