using Microsoft.Extensions.Options;

namespace Portal.Api.V1;

/// <summary>The <c>Portal</c> configuration section as far as the API reads it.</summary>
public sealed class ApiSettings
{
    public const string Section = "Portal";

    /// <summary>The one token the API accepts until personal tokens exist; empty means the API is closed.</summary>
    public string? BootstrapApiToken { get; set; }

    public string? LocalUser { get; set; }
}

/// <summary>
/// Who writes through the API. Until identity exists (a later issue) that is the configured local
/// user; identity replaces this class and nothing else, because every endpoint asks it.
/// </summary>
public sealed class ActingUser(IOptionsMonitor<ApiSettings> settings)
{
    public const string DefaultName = "local-admin";

    public string Name => settings.CurrentValue.LocalUser is { } name && !string.IsNullOrWhiteSpace(name) ? name.Trim() : DefaultName;
}
