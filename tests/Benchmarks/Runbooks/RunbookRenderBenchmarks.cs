using System.Text;
using BenchmarkDotNet.Attributes;
using Portal.Domain.Runbooks;

namespace Portal.Benchmarks.Runbooks;

/// <summary>
/// Issue 16's goal: rendering a 100 KB runbook (Markdig, sanitizing, PromQL highlighting, live-block split) takes at
/// most 20 ms. The runbook is the starter set repeated with tables, task lists and links until it passes 100 KB, so it
/// has the mix people write: prose, lists, code of several languages and more ```promql fences than are made live.
/// </summary>
[MemoryDiagnoser]
public class RunbookRenderBenchmarks
{
    private string _runbook = "";

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder("# Everything the on-call engineer needs\n\n");
        for (var round = 0; text.Length < 100 * 1024; round++)
        {
            foreach (var starter in StarterRunbooks.All)
            {
                text.Append("# ").Append(starter.Title).Append(' ').Append(round).Append("\n\n").Append(starter.Body).Append("\n\n");
            }

            text.Append("| service | owner | page | dashboard |\n|---|:---:|---:|---|\n");
            for (var row = 0; row < 20; row++)
            {
                text.Append($"| svc-{row} | team-{row % 4} | [runbook](/runbooks/svc-{row}) | https://grafana.example.org/d/{row} |\n");
            }

            text.Append("\n- [x] acknowledged the page\n- [ ] posted in the incident channel\n- [ ] checked the **last deploy** and `git log`\n\n");
        }

        _runbook = text.ToString();
        Console.WriteLine($"// runbook: {Encoding.UTF8.GetByteCount(_runbook):N0} bytes, {RunbookMarkdown.Render(_runbook).Parts.Count(p => p.Live is not null)} live blocks");
    }

    [Benchmark]
    public RenderedRunbook Render100KbRunbook() => RunbookMarkdown.Render(_runbook);
}
