using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Portal.Domain.Access;
using Portal.Infrastructure.Identity;

namespace Portal.Security;

/// <summary>
/// Sign-in by an authenticating proxy (oauth2-proxy and the like) in front of the portal: a request that
/// comes straight from one of the configured proxies and names a user in the user header is that user,
/// with the roles and teams its groups map to. Every other request signs in with the Identity cookie.
/// </summary>
public static class TrustedHeaders
{
    /// <summary>The scheme of principals the proxy vouched for; they have no account (no row, no security stamp).</summary>
    public const string Scheme = "TrustedHeaders";

    /// <summary>The default scheme: picks <see cref="Scheme"/> or the Identity cookie for each request.</summary>
    public const string Selector = "Portal";

    public static AuthenticationBuilder AddTrustedHeaders(this AuthenticationBuilder builder)
    {
        builder.Services.AddOptions<TrustedHeaderSettings>().BindConfiguration(TrustedHeaderSettings.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrustedHeaderSettings>, TrustedHeaderValidation>();
        builder.Services.AddSingleton<TrustedHeaderSource>();
        builder.AddScheme<AuthenticationSchemeOptions, TrustedHeaderHandler>(Scheme, null);
        return builder.AddPolicyScheme(Selector, null, policy => policy.ForwardDefaultSelector = context =>
            context.RequestServices.GetRequiredService<TrustedHeaderSource>().Principal(context) is null ? IdentityConstants.ApplicationScheme : Scheme);
    }

    /// <summary>Whether the principal signed in through the proxy rather than with an account of the portal.</summary>
    public static bool ViaProxy(ClaimsPrincipal? principal) => principal?.Identity?.AuthenticationType == Scheme;
}

/// <summary>The <c>Portal:TrustedHeaders</c> configuration section. Off unless <see cref="Enabled"/>.</summary>
public sealed class TrustedHeaderSettings
{
    public const string Section = "Portal:TrustedHeaders";

    public bool Enabled { get; set; }

    public string UserHeader { get; set; } = "X-Forwarded-User";

    /// <summary>Comma-separated group names; the header may also come several times.</summary>
    public string GroupsHeader { get; set; } = "X-Forwarded-Groups";

    /// <summary>Addresses (<c>10.0.0.5</c>) or ranges (<c>10.0.0.0/24</c>) the proxies connect from. Only the direct peer counts.</summary>
    public List<string> Proxies { get; set; } = [];

    /// <summary>Group → team (a <c>portal:team</c> claim). Group names match case-insensitively, like configuration keys.</summary>
    public Dictionary<string, string> GroupTeams { get; set; } = [];

    /// <summary>Group → <see cref="PortalRole"/> name. Every proxy user is a Viewer; groups add roles to that.</summary>
    public Dictionary<string, string> GroupRoles { get; set; } = [];
}

/// <summary>A half-working proxy sign-in must not start: a mistyped range or role stops the portal with the reason.</summary>
internal sealed class TrustedHeaderValidation : IValidateOptions<TrustedHeaderSettings>
{
    public ValidateOptionsResult Validate(string? name, TrustedHeaderSettings options) =>
        TrustedHeaderRules.Problem(options) is { } problem ? ValidateOptionsResult.Fail($"{TrustedHeaderSettings.Section}: {problem}") : ValidateOptionsResult.Success;
}

/// <summary>The settings made ready for every request: ranges parsed, roles resolved, group names case-insensitive.</summary>
internal sealed class TrustedHeaderRules
{
    private TrustedHeaderRules(TrustedHeaderSettings source)
    {
        Source = source;
        Proxies = TrustedProxies.Parse(source.Proxies);
        Teams = source.GroupTeams.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .ToDictionary(p => p.Key.Trim(), p => p.Value.Trim(), StringComparer.OrdinalIgnoreCase);
        Roles = source.GroupRoles.ToDictionary(p => p.Key.Trim(), p => Enum.Parse<PortalRole>(p.Value.Trim(), ignoreCase: true), StringComparer.OrdinalIgnoreCase);
    }

    public TrustedHeaderSettings Source { get; }

    public TrustedProxies Proxies { get; }

    public IReadOnlyDictionary<string, string> Teams { get; }

    public IReadOnlyDictionary<string, PortalRole> Roles { get; }

    public static TrustedHeaderRules From(TrustedHeaderSettings settings) => new(settings);

    /// <summary>What is wrong with the settings, or null.</summary>
    public static string? Problem(TrustedHeaderSettings settings)
    {
        if (!settings.Enabled)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(settings.UserHeader) || string.IsNullOrWhiteSpace(settings.GroupsHeader))
        {
            return "UserHeader and GroupsHeader must name headers.";
        }

        if (settings.Proxies.Count == 0)
        {
            return "Proxies is empty, so no request could sign in through the proxy.";
        }

        if (settings.Proxies.FirstOrDefault(p => !TrustedProxies.TryParseOne(p, out _)) is { } proxy)
        {
            return $"Proxies: '{proxy}' is neither an address nor a range (10.0.0.0/24; the host bits must be zero).";
        }

        return settings.GroupRoles.FirstOrDefault(p => !Enum.TryParse<PortalRole>(p.Value?.Trim(), ignoreCase: true, out _)) is { Key: not null } bad
            ? $"GroupRoles: '{bad.Value}' (for group '{bad.Key}') is not one of {string.Join(", ", Enum.GetNames<PortalRole>())}."
            : null;
    }

    /// <summary>The proxy's user with the Viewer role, the roles and the teams of the groups that have any.</summary>
    public ClaimsPrincipal Principal(string user, IEnumerable<string> groups)
    {
        var known = groups.ToList();
        var roles = known.Where(Roles.ContainsKey).Select(g => Roles[g]).Append(PortalRole.Viewer).Distinct().Order();
        var teams = known.Where(Teams.ContainsKey).Select(g => Teams[g]).Distinct(StringComparer.Ordinal);
        var claims = new List<Claim> { new(ClaimTypes.Name, user) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        claims.AddRange(teams.Select(t => new Claim(PortalClaims.Team, t)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, TrustedHeaders.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary>The addresses and ranges of the trusted proxies.</summary>
public sealed class TrustedProxies
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    private TrustedProxies(IReadOnlyList<IPNetwork> networks) => _networks = networks;

    /// <summary>Throws <see cref="FormatException"/> naming the first entry that is neither an address nor a range.</summary>
    public static TrustedProxies Parse(IEnumerable<string> entries) => new(entries
        .Select(entry => TryParseOne(entry, out var network) ? network : throw new FormatException($"'{entry}' is neither an address nor a range."))
        .ToList());

    /// <summary><c>10.0.0.5</c> is the range of that one address; <c>10.0.0.0/24</c> must have its host bits zero.</summary>
    public static bool TryParseOne(string? entry, out IPNetwork network)
    {
        var text = entry?.Trim() ?? "";
        if (!text.Contains('/') && IPAddress.TryParse(text, out var address))
        {
            address = Normalized(address);
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        // IPNetwork drops host bits (10.0.0.1/8 becomes 10.0.0.0/8): refused here, since it most likely meant one host.
        return IPNetwork.TryParse(text, out network) && network.BaseAddress.Equals(IPAddress.Parse(text[..text.IndexOf('/')]));
    }

    public bool Contains(IPAddress? address) => address is not null && _networks.Any(n => n.Contains(Normalized(address)));

    // A dual-stack socket reports an IPv4 peer as ::ffff:10.0.0.5, which a 10.0.0.0/8 range would not contain.
    private static IPAddress Normalized(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

/// <summary>The groups header: comma-separated names, possibly in several header lines.</summary>
public static class GroupsHeader
{
    public static IReadOnlyList<string> Split(StringValues values) => values
        .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();
}

/// <summary>Decides, per request, whether the proxy's headers count; shared by the scheme selector and the handler.</summary>
internal sealed class TrustedHeaderSource(IOptionsMonitor<TrustedHeaderSettings> settings, ILogger<TrustedHeaderSource> log)
{
    private TrustedHeaderRules? _rules;
    private int _warned;

    /// <summary>The proxy's user for this request, or null when the request signs in the ordinary way.</summary>
    public ClaimsPrincipal? Principal(HttpContext context)
    {
        var current = settings.CurrentValue;
        if (!current.Enabled || context.Request.Headers[current.UserHeader].ToString().Trim() is not { Length: > 0 } user)
        {
            return null;
        }

        var rules = Rules(current);
        // The direct peer, never X-Forwarded-For (not even from a known proxy): the proxy that signs users in must
        // be the one that connects, and that header is as easy to forge as the user header itself.
        var peer = DirectPeer.Of(context);
        if (!rules.Proxies.Contains(peer))
        {
            if (Interlocked.Exchange(ref _warned, 1) == 0)
            {
                log.LogWarning("Ignored the {Header} header from {Address}, which is not in {Section}:Proxies; the request signs in with a cookie instead. " +
                    "Later ones are not logged.", current.UserHeader, peer, TrustedHeaderSettings.Section);
            }

            return null;
        }

        return rules.Principal(user, GroupsHeader.Split(context.Request.Headers[current.GroupsHeader]));
    }

    // Rebuilt when the configuration is reloaded, which gives CurrentValue a new instance.
    private TrustedHeaderRules Rules(TrustedHeaderSettings current)
    {
        var rules = _rules;
        if (rules is null || !ReferenceEquals(rules.Source, current))
        {
            _rules = rules = TrustedHeaderRules.From(current);
        }

        return rules;
    }
}

/// <summary>Authenticates the requests <see cref="TrustedHeaderSource"/> accepts; the selector sends no others here.</summary>
internal sealed class TrustedHeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder, TrustedHeaderSource source)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(
        source.Principal(Context) is { } principal ? AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)) : AuthenticateResult.NoResult());
}
