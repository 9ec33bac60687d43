using Portal.Domain.Publishing;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Unit.Features.Publishing;

/// <summary>An in-memory <see cref="IReleaseStore"/>: releases tests add, diffs tests set, and a log of what pages asked for.</summary>
internal sealed class FakeReleaseStore : IReleaseStore
{
    private readonly List<ReleaseDetail> _releases = [];

    public Dictionary<(long From, long To), IReadOnlyList<RuleChange>> Diffs { get; } = [];

    public List<(int Skip, int Take)> Lists { get; } = [];

    public List<(long From, long To)> DiffCalls { get; } = [];

    public ReleaseDetail Add(ReleaseDetail release)
    {
        _releases.Add(release);
        return release;
    }

    public Task<IReadOnlyList<ReleaseSummary>> ListAsync(int skip, int take, CancellationToken ct)
    {
        Lists.Add((skip, take));
        IReadOnlyList<ReleaseSummary> page = [.. _releases.Select(r => r.Summary).OrderByDescending(s => s.Number).Skip(skip).Take(take)];
        return Task.FromResult(page);
    }

    public Task<ReleaseDetail?> GetAsync(long number, CancellationToken ct) =>
        Task.FromResult(_releases.FirstOrDefault(r => r.Summary.Number == number));

    public Task<IReadOnlyList<RuleChange>?> DiffAsync(long from, long to, CancellationToken ct)
    {
        DiffCalls.Add((from, to));
        if (_releases.All(r => r.Summary.Number != from) || _releases.All(r => r.Summary.Number != to))
        {
            return Task.FromResult<IReadOnlyList<RuleChange>?>(null);
        }

        return Task.FromResult<IReadOnlyList<RuleChange>?>(Diffs.TryGetValue((from, to), out var changes) ? changes : []);
    }
}
