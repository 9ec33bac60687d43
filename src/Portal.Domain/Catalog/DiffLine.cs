namespace Portal.Domain.Catalog;

/// <summary>One line of a diff; <see cref="OldLine"/> and <see cref="NewLine"/> are 1-based, null on the side that lacks it.</summary>
public sealed record DiffLine(DiffKind Kind, string Text, int? OldLine, int? NewLine);
