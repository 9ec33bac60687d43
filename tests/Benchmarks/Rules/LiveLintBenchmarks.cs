using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Domain.Lint;
using Portal.Infrastructure;
using Portal.Infrastructure.Lint;

namespace Portal.Benchmarks.Rules;

/// <summary>
/// Live lint of one expression against the stack's Prometheus (PORTAL_STACK=test ./portal bench --filter '*LiveLint*'),
/// warm: names, labels and values come from the cache, the cost query runs every time, as in the editor.
/// Goal (issue 14): at most 150 ms.
/// </summary>
[MemoryDiagnoser]
public class LiveLintBenchmarks
{
    // Two selectors, one of them with a job that does not exist, so the suggestions are computed too.
    private const string Expression =
        "sum by (instance) (rate(node_cpu_seconds_total{mode=\"idle\", job=\"node\"}[5m])) / sum by (instance) (rate(node_cpu_seconds_total{job=\"nodee\"}[5m])) < 0.1";

    private IHost _host = null!;
    private ILiveLinter _linter = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The stack's environment (Prometheus__Url, ...) configures it, as it does the portal.
        var builder = Host.CreateApplicationBuilder();
        builder.AddPortalInfrastructure();
        _host = builder.Build();
        _linter = _host.Services.GetRequiredService<ILiveLinter>();
        var first = _linter.LintAsync(Expression, null, CancellationToken.None).GetAwaiter().GetResult();
        if (first.Any(f => f.Id == LiveLint.Skipped) || !first.Any(f => f.Id == LiveLint.ValueUnknown))
        {
            throw new InvalidOperationException("Live lint did not reach Prometheus: " + string.Join("; ", first.Select(f => f.Message)));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark]
    public Task<IReadOnlyList<LintFinding>> LintOneExpressionWarm() => _linter.LintAsync(Expression, null, CancellationToken.None);
}
