using Portal.Domain.Incidents;
using static Portal.Tests.Unit.Domain.Incidents.IncidentTestData;

namespace Portal.Tests.Unit.Domain.Incidents;

public class StarterIncidentTemplatesTests
{
    [Fact]
    public void All_HasTheStatusUpdateAndThePostmortem() =>
        Assert.Equal([StarterIncidentTemplates.StatusUpdateKey, StarterIncidentTemplates.PostmortemKey],
            StarterIncidentTemplates.All.Select(t => t.Key));

    [Theory]
    [InlineData(StarterIncidentTemplates.StatusUpdateKey)]
    [InlineData(StarterIncidentTemplates.PostmortemKey)]
    public void All_EachTemplate_PassesValidation(string key) =>
        Assert.Empty(Placeholders.Validate(StarterIncidentTemplates.All.Single(t => t.Key == key).Body));

    [Fact]
    public void Postmortem_HasEverySectionTheIssueAsksFor()
    {
        var body = StarterIncidentTemplates.All.Single(t => t.Key == StarterIncidentTemplates.PostmortemKey).Body;

        foreach (var heading in new[] { "## Summary", "## Impact", "## Trigger", "## Detection", "## Root causes", "## Resolution",
                     "## Action items", "### What went well", "### What went wrong", "### Where we got lucky", "## Timeline" })
        {
            Assert.Contains("\n" + heading + "\n", body);
        }
    }

    [Fact]
    public void Postmortem_RenderedFromAnAlert_NamesTheThresholdInForce()
    {
        var body = StarterIncidentTemplates.All.Single(t => t.Key == StarterIncidentTemplates.PostmortemKey).Body;

        var text = Placeholders.Render(body, Context(Alert(), Rule()));

        Assert.Contains("```promql\nrate(errors_total[5m]) / rate(requests_total[5m]) > 0.05\n```", text);
        Assert.Contains("Threshold 0.05, for 1h30m.", text);
        Assert.DoesNotContain("{{", text);
    }
}
