using Portal.Domain.Runbooks;
using Portal.Features.Runbooks;

namespace Portal.Tests.Unit.Features.Runbooks;

public class RunbookRenderCacheTests
{
    [Fact]
    public void Render_SameBodyTwice_GivesTheOneRenderingAndEqualsTheDomainRendering()
    {
        var body = $"## Cached {Guid.NewGuid()}\n\n```promql\nup\n```\n";

        var first = RunbookRenderCache.Render(body);

        Assert.Same(first, RunbookRenderCache.Render(body));
        var fresh = RunbookMarkdown.Render(body);
        Assert.Equal(fresh.Parts, first.Parts);
        Assert.Equal(fresh.Toc, first.Toc);
    }

    [Fact]
    public void Render_AnotherBody_RendersThatBody()
    {
        var a = RunbookRenderCache.Render($"one {Guid.NewGuid()}\n");
        var b = RunbookRenderCache.Render("two\n");

        Assert.NotSame(a, b);
        Assert.Equal("<p>two</p>", b.Parts.Single().Html);
    }

    [Fact]
    public void Render_MoreBodiesThanItHolds_StillRendersEachCorrectly()
    {
        for (var i = 0; i < RunbookRenderCache.MaxEntries * 2; i++)
        {
            Assert.Equal($"<p>body {i}</p>", RunbookRenderCache.Render($"body {i}\n").Parts.Single().Html);
        }
    }
}
