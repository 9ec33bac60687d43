using Portal.Domain.PromQl;
using Portal.Domain.Runbooks;

namespace Portal.Tests.Unit.Domain.Runbooks;

public class StarterRunbooksTests
{
    public static TheoryData<string> Slugs() => new(StarterRunbooks.All.Select(r => r.Slug));

    private static StarterRunbook Starter(string slug) => StarterRunbooks.All.Single(r => r.Slug == slug);

    [Fact]
    public void All_CoverTheStacksFourServicesWithDistinctSlugs()
    {
        Assert.Equal(["postgresql", "redis", "prometheus", "alert-rule-portal"], StarterRunbooks.All.Select(r => r.Slug));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Starter_HasTheSectionsOnCallPeopleExpect(string slug)
    {
        var toc = RunbookMarkdown.Render(Starter(slug).Body).Toc.Where(t => t.Level == 2).Select(t => t.Text);

        Assert.Equal(["Summary", "Detection", "Immediate actions", "Diagnosis", "Resolution", "Escalation"], toc);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Starter_HasLiveBlocksThatAllParse(string slug)
    {
        var live = RunbookMarkdown.Render(Starter(slug).Body).Parts.Where(p => p.Live is not null).Select(p => p.Live!).ToList();

        Assert.NotEmpty(live);
        Assert.All(live, block => Assert.Null(PromQlParser.Parse(block.Query).Error));
    }

    [Fact]
    public void Starters_UseTheStacksExporterMetrics()
    {
        var queries = string.Join('\n', StarterRunbooks.All.SelectMany(r => RunbookMarkdown.Render(r.Body).Parts).Where(p => p.Live is not null).Select(p => p.Live!.Query));

        foreach (var metric in new[] { "pg_stat_activity_count", "pg_settings_max_connections", "redis_memory_used_bytes", "redis_config_maxmemory", "up", "prometheus_rule_evaluation_failures_total", "prometheus_tsdb_head_series", "process_resident_memory_bytes", "portal_publish_total" })
        {
            Assert.Contains(metric, queries);
        }
    }

    [Fact]
    public void Starters_NoteNoBadFenceOptions()
    {
        var html = string.Concat(StarterRunbooks.All.SelectMany(r => RunbookMarkdown.Render(r.Body).Parts).Select(p => p.Html));

        Assert.DoesNotContain("runbook-note", html);
    }
}
