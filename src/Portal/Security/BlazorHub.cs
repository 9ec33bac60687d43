using Microsoft.Extensions.Options;
using Portal.Features.Rules;

namespace Portal.Security;

/// <summary>The Blazor Server hub: where it listens and how large a message from a browser may be.</summary>
public static class BlazorHub
{
    public const string Path = "/_blazor";

    /// <summary>
    /// The most bytes one pasted character can take in a message: Blazor sends a text box's value
    /// twice (the event's value and the field value it keeps in sync), and JSON escaping makes one
    /// UTF-16 character at most six bytes (<c>\u0001</c>). Measured in Chromium: 524,288 CJK
    /// characters made a 3,145,853-byte message, as many U+0001 a 6,291,509-byte one.
    /// </summary>
    public const int BytesPerPastedCharacter = 12;

    /// <summary>
    /// The largest message a browser may send over the circuit. Everything typed or pasted into a
    /// text box travels in one message, and the largest text box is the rule import's
    /// (<see cref="ImportDialog.PasteLimit"/> characters): no paste it accepts can exceed this and
    /// close the circuit (SignalR's default of 32 KB did with a 39 KB pasted document). Rule files up to
    /// the parser's 5 MB are uploaded instead, streamed in chunks under this limit. Each connection
    /// can make the server buffer this much, which is why it is not 5 MB times twelve.
    /// </summary>
    public const long MaximumReceiveMessageSize = (long)ImportDialog.PasteLimit * BytesPerPastedCharacter + 64 * 1024;
}

/// <summary>The <c>Portal</c> configuration section as far as the hub's origin check reads it.</summary>
public sealed class HubOriginSettings
{
    /// <summary>
    /// Origins besides the request's own that may open a circuit, e.g. <c>https://portal.example.com</c>
    /// when a proxy in front changes the scheme or host the portal sees.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// Refuses requests to the Blazor hub (negotiate and the WebSocket upgrade) that a browser sent from
/// another origin. WebSockets are not bound by CORS, so without this any page a user visits could
/// open a circuit to the portal with the user's cookies (cross-site WebSocket hijacking).
/// </summary>
public sealed partial class BlazorHubOriginCheck(RequestDelegate next, IOptionsMonitor<HubOriginSettings> settings, ILogger<BlazorHubOriginCheck> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // No Origin header: not a cross-origin browser request (browsers send it on every WebSocket
        // upgrade and every POST), and a non-browser client could write any Origin it liked anyway.
        if (!request.Path.StartsWithSegments(BlazorHub.Path) || request.Headers.Origin.Count == 0
            || IsAllowed(request.Headers.Origin, request.Scheme, request.Host.Value, settings.CurrentValue.AllowedOrigins))
        {
            return next(context);
        }

        LogRefused(logger, request.Headers.Origin.ToString(), request.Path);
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed",
                detail: $"The portal's live connection only accepts pages of the portal itself ({request.Scheme}://{request.Host}). " +
                        "Behind a proxy that changes the scheme or host, list the public origin in Portal:AllowedOrigins.")
            .ExecuteAsync(context);
    }

    /// <summary>
    /// One Origin that is the request's own scheme, host and port, or one of <paramref name="allowed"/>.
    /// <c>null</c> (sandboxed frames, redirects across origins) and anything unparsable are refused.
    /// </summary>
    internal static bool IsAllowed(IReadOnlyList<string?> origins, string scheme, string? host, IEnumerable<string> allowed)
    {
        if (origins.Count != 1 || !TryParse(origins[0], out var origin))
        {
            return false;
        }

        return (host is { Length: > 0 } && TryParse($"{scheme}://{host}", out var own) && Same(origin, own))
            || allowed.Any(a => TryParse(a, out var listed) && Same(origin, listed));
    }

    private static bool TryParse(string? value, out Uri origin)
    {
        origin = null!;
        return Uri.TryCreate(value?.Trim().TrimEnd('/'), UriKind.Absolute, out var parsed)
            && parsed.Scheme is "http" or "https"
            && parsed.AbsolutePath == "/" && parsed.Query.Length == 0 && parsed.UserInfo.Length == 0
            && (origin = parsed) is not null;
    }

    // Scheme, host and port; Uri fills in the default port, so http://h and http://h:80 are one origin.
    private static bool Same(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Blazor hub request from origin {Origin} to {Path}")]
    private static partial void LogRefused(ILogger logger, string origin, PathString path);
}
