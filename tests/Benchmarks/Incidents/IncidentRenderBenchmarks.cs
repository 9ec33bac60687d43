using BenchmarkDotNet.Attributes;
using Portal.Domain.Incidents;

namespace Portal.Benchmarks.Incidents;

/// <summary>
/// Part of issue 18's "start an incident from an alert in at most 1 s": rendering the postmortem template for an
/// incident with a 200-entry timeline (automatic ALERTS entries and people's notes) and a dozen action items. The
/// export of the same incident is measured beside it, since the export page and the API write it on every request.
/// </summary>
[MemoryDiagnoser]
public class IncidentRenderBenchmarks
{
    private string _postmortem = "";
    private PlaceholderContext _context = null!;
    private IncidentDocument _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);
        var timeline = Enumerable.Range(0, 200).Select(i => new TimelineEntry(Guid.NewGuid(), start.AddMinutes(i),
            i % 3 == 0 ? TimelineKind.AlertFiring : TimelineKind.Note,
            i % 3 == 0 ? $"HighErrorRate firing on api-{i % 7}:8080 | value {i * 0.01:0.00}" : $"Checked dashboard {i}; error rate still above 5 %, rolling back canary {i}",
            i % 3 == 0, i % 3 == 0 ? null : "ana")).ToList();
        var actions = Enumerable.Range(0, 12).Select(i => new ActionItem(Guid.NewGuid(), $"Follow-up {i}: tighten the alert and add a runbook step",
            i % 2 == 0 ? "ana" : null, new DateOnly(2026, 4, 1).AddDays(i), (ActionItemStatus)(i % 4), i % 3 == 0 ? "/rules/abc" : null)).ToList();
        var alert = new AlertFacts("HighErrorRate", new Dictionary<string, string> { ["instance"] = "api-1:8080", ["severity"] = "critical" }, 0.35, start);
        var rule = new RuleFacts(Guid.NewGuid(), 4, "HighErrorRate", "rate(errors_total[5m]) / rate(requests_total[5m]) > 0.05",
            "rate(errors_total[5m]) / rate(requests_total[5m])", ">", 0.05, TimeSpan.FromMinutes(5), TimeSpan.Zero,
            TimeSpan.FromMinutes(1), "payments", "https://runbooks.example/high-error-rate");
        _postmortem = StarterIncidentTemplates.All.Single(t => t.Key == StarterIncidentTemplates.PostmortemKey).Body;
        _context = new PlaceholderContext(alert, rule, null, "SEV-2", timeline, actions, start.AddHours(4));
        var body = Placeholders.Render(_postmortem, _context);
        _document = new IncidentDocument("Payments failing", IncidentStatus.Resolved, "SEV-2", "payments", start, start.AddHours(3), body,
            rule, alert, timeline, actions, IncidentClock.Measure(start, timeline, SeverityLevels.Starter[1]), null) { Number = 42 };
        Console.WriteLine($"// rendered postmortem: {body.Length:N0} characters");
    }

    [Benchmark]
    public string RenderPostmortem200Entries() => Placeholders.Render(_postmortem, _context);

    [Benchmark]
    public string ExportMarkdown200Entries() => IncidentMarkdown.Export(_document);
}
