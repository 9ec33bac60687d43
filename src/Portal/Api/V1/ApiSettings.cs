namespace Portal.Api.V1;

/// <summary>The <c>Portal</c> configuration section as far as the API reads it.</summary>
public sealed class ApiSettings
{
    public const string Section = "Portal";

    /// <summary>The one token the API accepts until personal tokens exist; empty means the API is closed.</summary>
    public string? BootstrapApiToken { get; set; }

    public string? LocalUser { get; set; }
}
