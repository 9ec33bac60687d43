using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Publishing;

/// <summary>How one namespace's file compares with what Prometheus loaded from it.</summary>
/// <param name="Differs">Loaded, but not as published: final, no point in waiting.</param>
/// <param name="Problem">Null when loaded as published (or, for a removed file, unloaded).</param>
internal sealed record LoadedCheck(bool Differs, string? Problem)
{
    public static readonly LoadedCheck Ok = new(false, null);
}
