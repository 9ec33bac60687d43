using System.Diagnostics;
using Microsoft.AspNetCore.Components.Web;

namespace Portal.Components.Layout;

/// <summary>
/// The error boundary around pages: it logs the exception with a reference (the trace id when there is one) and
/// shows the user only that reference, so a report can be matched with the log without showing internals.
/// </summary>
public sealed class PortalErrorBoundary : ErrorBoundary
{
    [Microsoft.AspNetCore.Components.Inject]
    public required ILogger<PortalErrorBoundary> Log { get; init; }

    /// <summary>The reference of the last failure, shown in the error content.</summary>
    public string? Reference { get; private set; }

    protected override Task OnErrorAsync(Exception exception)
    {
        Reference = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        Log.LogError(exception, "A page failed; reference {Reference}", Reference);
        return Task.CompletedTask;
    }
}
