using Portal.Domain.Publishing;
using Portal.Domain.Reviews;
using Portal.Infrastructure.Catalog;

namespace Portal.Infrastructure.Reviews;

/// <summary>One change behind the content under review: a rule version, or a catalog write without one (group, move, delete).</summary>
public sealed record ReviewChange(string Actor, DateTimeOffset At, string What);
