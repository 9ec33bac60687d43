namespace Portal.Components;

/// <summary>
/// Who pages record as the actor of a change until identity exists: <c>Portal:LocalUser</c> from
/// configuration, "local" when unset. Only this type has to change when sign-in arrives.
/// </summary>
public sealed record LocalUser(string Name)
{
    public const string ConfigurationKey = "Portal:LocalUser";

    public static LocalUser From(IConfiguration configuration) =>
        new(configuration[ConfigurationKey] is { Length: > 0 } name ? name : "local");
}
