using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace Portal.Security;

/// <summary>
/// Puts the security headers on every response: pages, API answers, static files, /health, /metrics,
/// error pages. They are written when the response starts, so the exception handler clearing the
/// headers of a failed request cannot drop them. See docs/decisions/0014-security-headers.md.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string FrameOptions = "DENY";

    // The Origin check of the Blazor hub relies on browsers sending the real Origin on same-origin
    // POSTs (/_blazor/negotiate); under no-referrer they send "Origin: null" instead.
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    // Features the portal never uses, so an injected or framed script cannot ask for them either.
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy.For(context);
        // Antiforgery writes SAMEORIGIN on pages with a form token; nothing here is meant to be framed at all.
        headers.XFrameOptions = FrameOptions;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
    }
}

/// <summary>The Content-Security-Policy header: what Blazor Server, MudBlazor and the bundle need, nothing else.</summary>
public static partial class ContentSecurityPolicy
{
    private static readonly ConditionalWeakTable<ImportMapDefinition, string> ImportMapHashes = new();

    /// <summary>
    /// The policy for one response. Two parts depend on the request: the WebSocket source of the
    /// Blazor hub (the request's own host) and the hash of the inline import map a page carries.
    /// </summary>
    public static string For(HttpContext context)
    {
        var request = context.Request;
        var script = "script-src 'self'";
        // <ImportMap /> renders the endpoint's import map as an inline <script type="importmap">,
        // which browsers run only if script-src allows it; its hash allows exactly that text.
        if (context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap)
        {
            script += " '" + ImportMapHashes.GetValue(importMap, Hash) + "'";
        }

        // CSP3 lets 'self' match ws:/wss: of the same host, but Safari before 16 and Chrome before 71
        // did not; naming the hub's WebSocket origin keeps the circuit working there too. A ws://
        // source also matches wss:// (CSP3 scheme upgrade), so a TLS-terminating proxy is covered.
        var connect = "connect-src 'self'";
        if (request.Host.HasValue && HostSource().IsMatch(request.Host.Value))
        {
            connect += (request.IsHttps ? " wss://" : " ws://") + request.Host.Value;
        }

        return string.Join("; ",
            "default-src 'none'",
            script,
            // MudBlazor renders its theme as an inline <style> and positions popovers, drawers and
            // charts with style attributes; apexcharts and CodeMirror inject <style> elements too.
            "style-src 'self' 'unsafe-inline'",
            // CodeMirror draws the lint underlines as data: SVG backgrounds, MudBlazor's colour picker
            // its checkerboard as a data: PNG.
            "img-src 'self' data:",
            "font-src 'self'",
            connect,
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'");
    }

    // ToString() is the JSON <ImportMap /> writes into the page; SecurityHeadersTests hash the served text to check.
    internal static string Hash(ImportMapDefinition importMap) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.ToString())));

    // A CSP host-source admits letters, digits, dots and dashes (no IPv6 literals); anything else
    // is left to 'self' rather than written into the header. At most a DNS name's 253 characters: the Host header
    // is the client's, and echoing kilobytes of it made the response headers too big for nginx's buffer, which
    // then answered 502 and took the replica out of its upstream (one request could empty it).
    [GeneratedRegex("^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$")]
    private static partial Regex HostSource();
}
