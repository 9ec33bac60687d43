using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Infrastructure;
using Portal.Infrastructure.Prometheus;

namespace Portal.Tests.Unit.Infrastructure;

/// <summary>What the portal does with its configuration at start, before any server is involved.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public void WithoutAConnectionString_TheStartStops_NamingTheKeyToSet()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPortalInfrastructure());

        Assert.Contains("ConnectionStrings:Portal is not set", error.Message);
    }

    /// <summary>
    /// A server that accepts the connection and never answers: with <c>Prometheus:Timeout</c> at one second
    /// the query fails as a timeout long before the test's own 20-second patience (the old fixed 30-second
    /// attempt would have outlasted it).
    /// </summary>
    [Fact]
    public async Task PrometheusTimeout_BoundsEachQuery()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Add(await silent.AcceptTcpClientAsync());
            }
        });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = "Host=127.0.0.1;Database=unused",
            ["Prometheus:Url"] = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}",
            ["Prometheus:Timeout"] = "00:00:01",
        });
        builder.AddPortalInfrastructure();
        using var host = builder.Build();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => host.Services.GetRequiredService<IPrometheus>().QueryAsync("up", null, patience.Token));

        Assert.Equal(PrometheusErrorKind.Timeout, error.Kind);
        Assert.False(patience.IsCancellationRequested);
        accepted.ForEach(c => c.Dispose());
    }
}
