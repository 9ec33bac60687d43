using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Publishing;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Publishing;

/// <summary>Seams for tests that must make Prometheus load something other than what was published.</summary>
public sealed class DeployHooks
{
    /// <summary>Called with a file's path after it is in place, before the reload.</summary>
    public Func<string, CancellationToken, Task>? AfterWrite { get; set; }

    /// <summary>Called with a temporary file's path after it is flushed, before its rename (see <see cref="AtomicFile"/>).</summary>
    public Action<string>? BeforeRename { get; set; }
}
