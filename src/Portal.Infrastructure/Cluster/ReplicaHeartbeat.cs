using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.Infrastructure.Cluster;

/// <summary>
/// Tells the other replicas (and the Health page) that this one is alive: a row in <c>replicas</c> refreshed every
/// <see cref="ReplicaLiveness.Period"/>. A database that is down costs a warning, never the process; the next beat tries again.
/// </summary>
internal sealed partial class ReplicaHeartbeat(ReplicaDirectory directory, ReplicaIdentity self, TimeProvider clock, ILogger<ReplicaHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogJoined(logger, self.Name, self.Url ?? "(no address configured)");
        using var timer = new PeriodicTimer(ReplicaLiveness.Period, clock);
        do
        {
            try
            {
                await directory.BeatAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or TimeoutException)
            {
                LogBeatFailed(logger, e.Message);
            }
        }
        while (await NextAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await directory.LeaveAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            // The row ages out of the list within a minute anyway.
            LogBeatFailed(logger, e.Message);
        }
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Name} ({Url}) sends a heartbeat to the database every 15 s")]
    private static partial void LogJoined(ILogger logger, string name, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica heartbeat failed; the next one is due in 15 s: {Problem}")]
    private static partial void LogBeatFailed(ILogger logger, string problem);
}
