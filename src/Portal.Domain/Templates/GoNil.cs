namespace Portal.Domain.Templates;

/// <summary>A typed nil (a nil interface{} or a nil pointer); fmt prints it as "&lt;nil&gt;".</summary>
internal sealed record GoNil(string NilType) : GoValue(NilType)
{
    public static readonly GoNil Interface = new("interface {}");
}
