using Portal.Domain.Publishing;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Reviews;

/// <summary>What a reviewer decides about a namespace's current content.</summary>
public enum ReviewDecision
{
    Approve,
    Reject,
}
