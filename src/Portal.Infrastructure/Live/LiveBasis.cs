using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Domain.Live;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;

namespace Portal.Infrastructure.Live;

/// <summary>The portal's side of "live": targets, the files they verifiably hold, and the stored rules, read together.</summary>
internal sealed record LiveBasis(
    IReadOnlyList<PublishTarget> Targets,
    IReadOnlyDictionary<string, IReadOnlyList<PublishedFile>> Files,
    IReadOnlyList<CatalogRule> Rules,
    IReadOnlyDictionary<PublishedRuleKey, CatalogRule> Index,
    IReadOnlyDictionary<Guid, PublishedRuleKey> Keys,
    DateTimeOffset At);
