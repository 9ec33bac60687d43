using Portal.Domain.Access;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Publishing;

namespace Portal.Tests.Unit.Features.Admin;

/// <summary>Publish targets in memory: one from configuration, one added in the portal; relative directories are refused.</summary>
internal sealed class FakeTargets : IPublishTargets
{
    public List<PublishTarget> Targets { get; } =
    [
        new("prometheus-a", new Uri("http://127.0.0.1:59090/"), "/srv/a/rules", "", TargetSource.Configuration),
        new("edge", new Uri("http://edge:9090/"), "/srv/edge/rules", "portal-", TargetSource.Database),
    ];

    public List<(PublishTarget Target, string Actor)> Added { get; } = [];

    public Task<IReadOnlyList<PublishTarget>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<PublishTarget>>(Targets.ToList());

    public Task<IReadOnlyList<TargetError>> AddAsync(PublishTarget target, Caller caller, CancellationToken ct)
    {
        var actor = caller.Name;
        if (!target.RulesDirectory.StartsWith('/'))
        {
            return Task.FromResult<IReadOnlyList<TargetError>>([new TargetError("rulesDirectory", "not an absolute directory")]);
        }

        Added.Add((target, actor));
        Targets.Add(target);
        return Task.FromResult<IReadOnlyList<TargetError>>([]);
    }

    public Task<bool> RemoveAsync(string name, Caller caller, CancellationToken ct) => Task.FromResult(Targets.RemoveAll(t => t.Name == name && t.Source == TargetSource.Database) > 0);
}
