namespace Portal.Domain.Templates;

internal sealed record GoBool(bool Value) : GoValue("bool")
{
    public static readonly GoBool True = new(true);
    public static readonly GoBool False = new(false);
    public static GoBool Of(bool value) => value ? True : False;
}
