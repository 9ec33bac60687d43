namespace Portal.Domain.Publishing;

/// <param name="Namespaces">Every namespace with its status, problems first.</param>
/// <param name="Scope">The namespaces this release changes.</param>
/// <param name="Files">The whole rule set as it stands after the release (what a later rollback to it restores).</param>
/// <param name="Changes">Per-rule changes of the namespaces in scope, against what the targets hold.</param>
/// <param name="Unknown">Chosen names that are no namespace the portal knows.</param>
/// <param name="OthersReverted">For a rollback: other teams' namespaces it would also revert, left out until chosen.</param>
public sealed record PlannedRelease(
    IReadOnlyList<NamespacePlan> Namespaces,
    IReadOnlyList<string> Scope,
    IReadOnlyList<ReleaseFile> Files,
    IReadOnlyList<RuleChange> Changes,
    IReadOnlyList<TargetWrites> Writes,
    IReadOnlyList<string> Unknown,
    IReadOnlyList<string> OthersReverted)
{
    public bool NothingToPublish => Scope.Count == 0;

    /// <summary>After this release no target would hold any rule the portal manages.</summary>
    public bool LeavesNoRules => Files.Count == 0 && !NothingToPublish;
}
