namespace Portal.Domain.Templates;

/// <summary>Go's net.SplitHostPort and net.ParseIP as Prometheus' stripPort and stripDomain use them.</summary>
internal static class GoNet
{
    public static string StripPort(string hostPort) =>
        SplitHostPort(hostPort) is var (host, _) ? host : hostPort;

    public static string StripDomain(string hostPort)
    {
        var split = SplitHostPort(hostPort);
        var host = split?.Host ?? hostPort;
        if (IsIp(host))
        {
            return hostPort;
        }
        host = host.Split('.')[0];
        var port = split?.Port ?? "";
        if (port.Length == 0)
        {
            return host;
        }
        return host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
    }

    /// <summary>The path of a URL, as Go's url.URL.Path ("" when the URL has none).</summary>
    public static string UrlPath(string url)
    {
        var rest = url;
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
            var slash = rest.IndexOf('/');
            rest = slash < 0 ? "" : rest[slash..];
        }
        var end = rest.IndexOfAny(['?', '#']);
        return Uri.UnescapeDataString(end < 0 ? rest : rest[..end]);
    }

    private static (string Host, string Port)? SplitHostPort(string hostPort)
    {
        var i = hostPort.LastIndexOf(':');
        if (i < 0)
        {
            return null;
        }
        string host;
        int j = 0, k = 0;
        if (hostPort[0] == '[')
        {
            var end = hostPort.IndexOf(']');
            if (end < 0 || end + 1 != i)
            {
                return null;
            }
            host = hostPort[1..end];
            (j, k) = (1, end + 1);
        }
        else
        {
            host = hostPort[..i];
            if (host.Contains(':'))
            {
                return null;
            }
        }
        if (hostPort.IndexOf('[', j) >= 0 || hostPort.IndexOf(']', k) >= 0)
        {
            return null;
        }
        return (host, hostPort[(i + 1)..]);
    }

    /// <summary>net.ParseIP: dotted IPv4 without leading zeros, or IPv6 without a zone.</summary>
    private static bool IsIp(string host)
    {
        var parts = host.Split('.');
        if (parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) &&
                                                (p.Length == 1 || p[0] != '0') && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255))
        {
            return true;
        }
        return host.Contains(':') && !host.Contains('%') &&
               System.Net.IPAddress.TryParse(host, out var address) &&
               address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }
}
