using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

public enum NamespaceOutcomeKind
{
    /// <summary>Prometheus loaded the file as published.</summary>
    Live,
    /// <summary>The file was removed and Prometheus unloaded its rules.</summary>
    Removed,
    /// <summary>Not loaded as published: the namespace's previous file is back.</summary>
    RolledBack,
    /// <summary>Written; Prometheus has not been asked to reload yet.</summary>
    Pending,
    /// <summary>Could not be written, or could not be restored.</summary>
    Failed,
}
