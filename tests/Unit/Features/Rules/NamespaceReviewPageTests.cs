using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Reviews;
using Portal.Features.Rules;
using Portal.Infrastructure.Reviews;

namespace Portal.Tests.Unit.Features.Rules;

public class NamespaceReviewPageTests : RulesTestContext
{
    private readonly FakeReviewStore _reviews = new();

    public NamespaceReviewPageTests() => Services.AddSingleton<IReviewStore>(_reviews);

    [Fact]
    public void Page_ShowsTheDiffTheAuthorsAndThatItAwaitsReview()
    {
        var cut = RenderPage<NamespaceReviewPage>((nameof(NamespaceReviewPage.Name), "payments"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=change-row]")));
        Assert.Contains("0.8", cut.Find("[data-testid=change-field]").TextContent);
        Assert.Equal(["ann"], cut.FindAll("[data-testid=review-author]").Select(a => a.TextContent.Trim()));
        Assert.Contains("ApiErrors version 4", cut.Find("[data-testid=review-author-changes]").TextContent);
        Assert.Equal("awaiting review", cut.Find("[data-testid=review-status]").TextContent.Trim());
        Assert.Contains("release 12", cut.Find("[data-testid=review-base]").TextContent);
        Assert.Contains("No decision yet", cut.Markup);
    }

    [Fact]
    public void Approve_SendsTheChecksumShown_AndTheDecisionAppearsInTheHistory()
    {
        var cut = RenderPage<NamespaceReviewPage>((nameof(NamespaceReviewPage.Name), "payments"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=review-approve]"));

        cut.Find("[data-testid=review-approve]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=review-history-row]")));
        var (request, actor) = Assert.Single(_reviews.Decisions);
        Assert.Equal((ReviewDecision.Approve, FakeReviewStore.Checksum, "tester"), (request.Decision, request.SeenChecksum, actor));
        Assert.Equal("approved by tester", cut.Find("[data-testid=review-status]").TextContent.Trim());
        Assert.Contains("(current)", cut.Find("[data-testid=review-history]").TextContent);
    }

    [Fact]
    public void Reject_WithoutAComment_IsRefusedAtTheCommentField_AndRecordsNothing()
    {
        var cut = RenderPage<NamespaceReviewPage>((nameof(NamespaceReviewPage.Name), "payments"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=review-reject]"));

        cut.Find("[data-testid=review-reject]").Click();

        cut.WaitForAssertion(() => Assert.Contains("A rejection needs a comment", cut.Find("[data-testid=review-decide] .mud-input-error").TextContent));
        Assert.Empty(_reviews.Review.History);
    }

    [Fact]
    public void Reject_WithAComment_IsRecordedWithIt()
    {
        var cut = RenderPage<NamespaceReviewPage>((nameof(NamespaceReviewPage.Name), "payments"));
        cut.WaitForAssertion(() => cut.Find("textarea[data-testid=review-comment], [data-testid=review-comment] textarea"));

        cut.Find("textarea[data-testid=review-comment], [data-testid=review-comment] textarea").Input("too loud for a page");
        cut.Find("[data-testid=review-reject]").Click();

        cut.WaitForAssertion(() => Assert.Equal("rejected by tester", cut.Find("[data-testid=review-status]").TextContent.Trim()));
        Assert.Equal("too loud for a page", _reviews.Review.Latest!.Comment);
        Assert.Contains("too loud for a page", cut.Find("[data-testid=review-history]").TextContent);
    }

    [Fact]
    public void AnAuthorOfTheChange_SeesWhyTheyCannotDecide_InsteadOfTheButtons()
    {
        _reviews.Review = _reviews.Review with { Authors = ["ann", "tester"] };

        var cut = RenderPage<NamespaceReviewPage>((nameof(NamespaceReviewPage.Name), "payments"));

        cut.WaitForAssertion(() => Assert.Contains("another Publisher of team pay", cut.Find("[data-testid=review-refusal]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=review-approve]"));
    }

    [Fact]
    public void TheSwitch_TurnsReviewOff()
    {
        var cut = RenderPage<NamespaceReviewPage>((nameof(NamespaceReviewPage.Name), "payments"));
        cut.WaitForAssertion(() => cut.Find("input[data-testid=review-required], [data-testid=review-required] input"));

        cut.Find("input[data-testid=review-required], [data-testid=review-required] input").Change(false);

        cut.WaitForAssertion(() => Assert.Equal("review off", cut.Find("[data-testid=review-status]").TextContent.Trim()));
        Assert.Equal([false], _reviews.Settings);
    }

    [Fact]
    public void AnUnknownNamespace_SaysSo()
    {
        var cut = RenderPage<NamespaceReviewPage>((nameof(NamespaceReviewPage.Name), "nope"));

        cut.WaitForAssertion(() => Assert.Contains("There is no namespace \"nope\"", cut.Find("[data-testid=review-error]").TextContent));
    }
}
