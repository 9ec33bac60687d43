namespace Portal.Domain.Templates;

/// <summary>Go's zero reflect.Value: no value at all. Printed by an action as "&lt;no value&gt;".</summary>
internal sealed record GoInvalid() : GoValue("<invalid>")
{
    public static readonly GoInvalid Instance = new();
}
