using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

/// <summary>Create (<see cref="Id"/> null) or change a group; <see cref="Version"/> is the one the edit started from.</summary>
public sealed record GroupEdit(Guid? Id, Guid NamespaceId, string Name, PromDuration? Interval, int? Limit, uint Version);
