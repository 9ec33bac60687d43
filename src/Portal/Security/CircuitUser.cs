namespace Portal.Security;

/// <summary>The signed-in user of one circuit, kept current by <see cref="CircuitUserHandler"/> so it can be read without waiting.</summary>
public sealed class CircuitUser
{
    public System.Security.Claims.ClaimsPrincipal? Principal { get; internal set; }

    /// <summary>The browser's address when the circuit connected, for the audit log.</summary>
    public string? Address { get; internal set; }
}

/// <summary>Copies the circuit's authentication state into its <see cref="CircuitUser"/> when it opens and whenever it changes.</summary>
internal sealed class CircuitUserHandler(Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider authentication, CircuitUser user,
    IHttpContextAccessor http)
    : Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken ct)
    {
        authentication.AuthenticationStateChanged += async state => user.Principal = (await state).User;
        user.Principal = (await authentication.GetAuthenticationStateAsync()).User;
        user.Address ??= http.HttpContext?.Connection.RemoteIpAddress?.ToString();
    }

    public override Task OnConnectionUpAsync(Microsoft.AspNetCore.Components.Server.Circuits.Circuit circuit, CancellationToken ct)
    {
        // The hub connection's request: a reconnect from another network shows up with its new address.
        if (http.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            user.Address = address.ToString();
        }

        return Task.CompletedTask;
    }
}
