namespace Portal.Domain.Publishing;

/// <summary>
/// Whether a confirmed publish or rollback may go ahead (decision 0011): a release needs a note, only
/// known namespaces, something to change, and an explicit yes before it leaves Prometheus with no rules.
/// Each refusal is a sentence the user reads as it is.
/// </summary>
public static class PublishRefusal
{
    /// <summary>How many unknown names a refusal spells out; a request may name a thousand.</summary>
    public const int UnknownNamesShown = 10;

    /// <summary>How many waiting namespaces "nothing to publish" names before it says "...".</summary>
    public const int WaitingNamesShown = 5;

    /// <summary>Why <paramref name="plan"/> must not be released with this note and confirmation, or null when it may.</summary>
    public static string? Of(PlannedRelease plan, string? note, bool confirmEmpty) =>
        string.IsNullOrWhiteSpace(note) ? "Write a release note: it is how others will know what this release changed and why."
        : UnknownNamespaces(plan.Unknown) is { } unknown ? unknown
        : plan.NothingToPublish ? NothingToPublish(plan.Namespaces, plan.OthersReverted)
        : plan.LeavesNoRules && !confirmEmpty ? "This release has no rules at all: Prometheus would drop every rule the portal manages. Confirm publishing an empty set to go on."
        : null;

    /// <summary>The chosen names that are no namespace, as a sentence (the first few, then how many more); null when there are none.</summary>
    public static string? UnknownNamespaces(IReadOnlyList<string> names) => names.Count == 0 ? null
        : $"No namespace is called {string.Join(", ", names.Take(UnknownNamesShown).Select(n => $"\"{n}\""))}"
          + (names.Count > UnknownNamesShown ? $" (and {names.Count - UnknownNamesShown} more names)." : ".");

    /// <summary>
    /// Why a release with an empty scope publishes nothing: every target is level, or the changes there are
    /// are not this release's to take (held back, awaiting review, another team's), and which ones.
    /// </summary>
    public static string NothingToPublish(IReadOnlyList<NamespacePlan> namespaces, IReadOnlyList<string> othersReverted)
    {
        var waiting = namespaces.Where(n => n.Status is NamespaceStatus.NotInRelease or NamespaceStatus.HeldBack or NamespaceStatus.AwaitingReview).ToList();
        var reverted = othersReverted.Count > 0
            ? $" It would also revert other teams' namespaces ({string.Join(", ", othersReverted)}): choose them explicitly to include them."
            : "";
        return waiting.Count == 0
            ? "Nothing to publish: every target already holds these rules." + reverted
            : $"Nothing to publish in this release's namespaces; {waiting.Count} other namespaces have changes that it does not take "
              + $"({string.Join(", ", waiting.Take(WaitingNamesShown).Select(n => $"{n.Namespace}: {NamespaceStatusWords.Of(n.Status)}"))}"
              + $"{(waiting.Count > WaitingNamesShown ? ", ..." : "")}).{reverted}";
    }
}
