using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Catalog;
using Portal.Domain.Live;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Live;

internal sealed class LiveAlerts(LiveSnapshots snapshots, IDbContextFactory<PortalDbContext> factory, ParsedFiles parsedFiles, IOptionsMonitor<LiveOptions> options, TimeProvider clock) : ILiveAlerts
{
    private readonly object _memoLock = new();
    private (LiveBasis Basis, IReadOnlyList<TargetSnapshot> Targets, LiveIndex Index)? _memo;

    public async Task<AlertBoard> AlertsAsync(AlertFilter filter, CancellationToken ct)
    {
        var basis = await snapshots.BasisAsync(ct);
        var targets = await snapshots.TargetsAsync(basis, ct);
        return AlertBoard.Build(targets.SelectMany(t => t.Rules), basis.Index, filter, Problems(targets), clock.GetUtcNow(), options.CurrentValue.MaxAlerts)
            with { TargetCount = targets.Count };
    }

    public async Task<LiveIndex> StatesAsync(CancellationToken ct)
    {
        var basis = await snapshots.BasisAsync(ct);
        var targets = await snapshots.TargetsAsync(basis, ct);
        lock (_memoLock)
        {
            // Lists ask on every page and filter change; the summary changes only when a snapshot does.
            if (_memo is { } memo && ReferenceEquals(memo.Basis, basis) && memo.Targets.SequenceEqual(targets, ReferenceEqualityComparer.Instance))
            {
                return memo.Index;
            }
        }

        var index = new LiveIndex(RuleStates.Summarize(targets.SelectMany(t => t.Rules), basis.Index), Problems(targets), clock.GetUtcNow());
        lock (_memoLock)
        {
            _memo = (basis, targets, index);
        }

        return index;
    }

    public async Task<RuleLive?> RuleAsync(Guid id, CancellationToken ct)
    {
        var basis = await snapshots.BasisAsync(ct);
        var stored = basis.Rules.FirstOrDefault(r => r.Id == id);
        if (stored is null || (stored.Enabled && !basis.Keys.ContainsKey(id)))
        {
            // Created or enabled since the catalog was read: read it again rather than say "not found" or "disabled".
            basis = await snapshots.BasisAsync(ct, fresh: true);
            stored = basis.Rules.FirstOrDefault(r => r.Id == id);
            if (stored is null)
            {
                return null;
            }
        }

        var key = basis.Keys.GetValueOrDefault(id);
        var snapshotsNow = await snapshots.TargetsAsync(basis, ct);
        var max = options.CurrentValue.MaxSeriesPerRule;
        var cut = 0;
        var states = new List<TargetRuleState>();
        foreach (var target in snapshotsNow)
        {
            var file = basis.Files.GetValueOrDefault(target.Target)?.FirstOrDefault(f => f.Namespace == stored.Namespace);
            if (target.Problem is { } problem)
            {
                states.Add(new TargetRuleState(target.Target, problem, file, null));
                continue;
            }

            var rule = key is null ? null : target.Rules.FirstOrDefault(m => m.Key == key)?.Rule;
            if (rule is not null && rule.Series.Count > max)
            {
                rule = rule with { Series = rule.Series.OrderByDescending(s => s.State).ThenBy(s => s.ActiveAt).Take(max).ToList() };
            }

            // Cut here or already by the client's per-rule bound: either way the page says how many are not listed.
            cut += rule is null ? 0 : Math.Max(0, rule.SeriesCount - rule.Series.Count);
            states.Add(new TargetRuleState(target.Target, null, file, rule));
        }

        var newest = states.Where(s => s.Rule is not null && s.File is not null).MaxBy(s => s.File!.Release);
        var live = key is null || newest is null ? null : await LiveContentAsync(newest.Target, stored.Namespace, key, ct);
        return new RuleLive(id, key, RuleStates.Overall(states), newest?.File?.Release, live, states, cut, clock.GetUtcNow());
    }

    /// <summary>The rule as the file a target verifiably loaded has it: what runs, to compare with what is stored.</summary>
    private async Task<RuleContent?> LiveContentAsync(string target, string @namespace, PublishedRuleKey key, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.TargetFiles.AsNoTracking().Where(f => f.Target == target && f.Namespace == @namespace)
            .Select(f => new { f.FileName, f.Content }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var file = parsedFiles.Of(new ReleaseFile(@namespace, row.FileName, row.Content));
        var rule = file.Groups.Where(g => g.Name == key.Group).SelectMany(g => g.Rules).Where(r => r.Name == key.Name).Skip(key.Occurrence - 1).FirstOrDefault();
        return rule is null ? null : RuleContent.From(rule);
    }

    private static IReadOnlyList<TargetProblem> Problems(IEnumerable<TargetSnapshot> targets) =>
        targets.Where(t => t.Problem is not null).Select(t => new TargetProblem(t.Target, t.Problem!)).ToList();
}
