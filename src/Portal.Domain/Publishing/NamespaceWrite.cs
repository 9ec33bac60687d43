namespace Portal.Domain.Publishing;

/// <summary>One namespace to change on one target: write <see cref="File"/> (null: remove the file); <see cref="Previous"/> is restored if it does not verify.</summary>
public sealed record NamespaceWrite(string Namespace, string Team, ReleaseFile? File, ReleaseFile? Previous);
