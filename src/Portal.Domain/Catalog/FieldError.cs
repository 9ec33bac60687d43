using Portal.Domain.PromQl;
using Portal.Domain.Templates;

namespace Portal.Domain.Catalog;

/// <summary>A problem with one field of a rule, as an editor shows it next to that field.</summary>
public sealed record FieldError(string Field, string Message, Position? Position = null)
{
    public override string ToString() => Position is { } at ? $"{Field} {at}: {Message}" : $"{Field}: {Message}";
}
