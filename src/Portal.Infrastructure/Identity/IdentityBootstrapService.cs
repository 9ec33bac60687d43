using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Access;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// Runs the bootstrap once the schema exists: at start when it does, or as soon as the migrations arrive
/// (Development and tests migrate after the host has started).
/// </summary>
internal sealed class IdentityBootstrapService(IdentityBootstrap bootstrap, ILogger<IdentityBootstrapService> log) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bootstrap.EnsureAsync(stoppingToken);
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
            {
                log.LogInformation("The users table does not exist yet (migrations pending); creating the first admin once it does");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that is down must not stop the host (health says so); the bootstrap waits for it.
                log.LogWarning("The identity bootstrap could not reach the database ({Message}); trying again", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
        }
    }
}
