using Portal.Domain.Access;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

/// <summary>The Prometheus servers publishes go to: the ones in configuration plus the ones added in the portal.</summary>
public interface IPublishTargets
{
    Task<IReadOnlyList<PublishTarget>> ListAsync(CancellationToken ct);

    /// <summary>Adds a target to the database after checking it: unique name, absolute http(s) URL, an existing absolute directory.</summary>
    Task<IReadOnlyList<TargetError>> AddAsync(PublishTarget target, Caller caller, CancellationToken ct);

    /// <summary>Removes a target added in the portal; configuration targets cannot be removed here.</summary>
    Task<bool> RemoveAsync(string name, Caller caller, CancellationToken ct);
}
