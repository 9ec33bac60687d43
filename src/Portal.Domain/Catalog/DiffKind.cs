namespace Portal.Domain.Catalog;

public enum DiffKind
{
    Unchanged,
    Added,
    Removed,
}
