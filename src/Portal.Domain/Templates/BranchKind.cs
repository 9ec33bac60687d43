namespace Portal.Domain.Templates;

internal enum BranchKind { If, Range, With }
