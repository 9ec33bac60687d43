using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;

namespace Portal.Infrastructure.Catalog;

public enum StoreOutcome
{
    Saved,
    /// <summary>The content equals what is stored: nothing was written.</summary>
    Unchanged,
    /// <summary>Someone else saved first; <see cref="StoreResult{T}.Current"/> is their version.</summary>
    Conflict,
    Invalid,
    NotFound,
    /// <summary>The caller may not make this change (the access policy's reason is the error); nothing was written, the refusal is audited.</summary>
    Forbidden,
}
