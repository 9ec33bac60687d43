using Microsoft.EntityFrameworkCore;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

/// <summary>What the targets verifiably hold, in the two shapes the planner and the pages read.</summary>
internal sealed record TargetState(IReadOnlyList<TargetHolding> Holdings, IReadOnlyList<TargetLive> Live);
