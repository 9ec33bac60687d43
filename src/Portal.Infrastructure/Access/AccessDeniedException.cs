using Portal.Infrastructure.Audit;

namespace Portal.Infrastructure.Access;

/// <summary>A write the caller may not make. The refusal is already in the audit log when this is thrown.</summary>
public sealed class AccessDeniedException(string reason) : Exception(reason)
{
    public string Reason => Message;
}
