using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

public enum TargetOutcome
{
    /// <summary>Written, reloaded, and /api/v1/rules shows every published group with the expected rules.</summary>
    Live,
    /// <summary>Something failed after writing; the previous release's files were restored (and reloaded).</summary>
    RolledBack,
    /// <summary>Written but Prometheus could not be asked to reload (down, or its lifecycle API is off): retried with backoff.</summary>
    PendingReload,
    /// <summary>Nothing could be written, or the rollback itself failed: the reason says which.</summary>
    Failed,
    /// <summary>Some namespaces verified live; the others were rolled back alone (see the per-namespace outcomes).</summary>
    Partial,
}
