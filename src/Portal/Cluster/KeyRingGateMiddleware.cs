using Portal.Infrastructure.Cluster;

namespace Portal.Cluster;

/// <summary>
/// While the data-protection key ring has not been prepared under its lock (PostgreSQL was down when this replica
/// started), a request that may sign someone in or render a form first tries that step (<see cref="ReplicaKeyRingGate"/>):
/// otherwise the first such request after the database came back would create a key outside the lock, and two replicas
/// could each make their own and refuse each other's cookies. Once ready, it costs one field read.
/// </summary>
public static class KeyRingGateMiddleware
{
    public static IApplicationBuilder UseKeyRingGate(this IApplicationBuilder app)
    {
        var gate = app.ApplicationServices.GetRequiredService<ReplicaKeyRingGate>();
        return app.Use(async (context, next) =>
        {
            // Health and metrics need no key and must answer at once whatever the database does.
            if (!gate.Ready && !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"))
            {
                await gate.EnsureAsync(context.RequestAborted);
            }

            await next(context);
        });
    }
}
