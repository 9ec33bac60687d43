using Portal.Domain.Access;
using Portal.Domain.Reviews;

namespace Portal.Tests.Unit.Domain.Reviews;

public class ReviewRulesTests
{
    private const string Current = "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12";
    private static readonly Caller Author = Caller.Of("ann", [PortalRole.Editor, PortalRole.Publisher], ["pay"]);
    private static readonly Caller Reviewer = Caller.Of("pia", [PortalRole.Publisher], ["pay"]);
    private static readonly Caller OtherTeamsPublisher = Caller.Of("otto", [PortalRole.Publisher], ["sre"]);
    private static readonly Caller Editor = Caller.Of("ed", [PortalRole.Editor], ["pay"]);
    private static readonly Caller Admin = Caller.Of("ada", [PortalRole.Admin], []);

    private static ReviewSubject Subject(params string[] authors) => new("payments", "pay", Current, authors.ToHashSet());

    private static ReviewRequest Approve(string? seen = Current, string? comment = null) => new(ReviewDecision.Approve, comment, seen);

    [Fact]
    public void Check_APublisherOfTheTeamWhoIsNotAnAuthor_MayApprove()
    {
        Assert.Null(ReviewRules.Check(Reviewer, Subject("ann"), Approve()));
    }

    [Fact]
    public void Check_TheAuthor_IsForbiddenEvenWithThePublisherRole()
    {
        var refusal = ReviewRules.Check(Author, Subject("ann"), Approve());

        Assert.Equal(ReviewRefusalKind.Forbidden, refusal!.Kind);
        Assert.Contains("another Publisher of team pay", refusal.Reason);
    }

    [Fact]
    public void Check_AnAdminWhoAuthoredTheChange_IsForbiddenToo()
    {
        Assert.Equal(ReviewRefusalKind.Forbidden, ReviewRules.Check(Admin, Subject("ada"), Approve())!.Kind);
        Assert.Null(ReviewRules.Check(Admin, Subject("ann"), Approve()));
    }

    [Fact]
    public void Check_APublisherOfAnotherTeam_IsForbidden()
    {
        var refusal = ReviewRules.Check(OtherTeamsPublisher, Subject("ann"), Approve());

        Assert.Equal(ReviewRefusalKind.Forbidden, refusal!.Kind);
        Assert.Contains("not a member of pay", refusal.Reason);
    }

    [Fact]
    public void Check_AnEditorWithoutThePublisherRole_IsForbidden()
    {
        Assert.Contains("needs the Publisher role", ReviewRules.Check(Editor, Subject("ann"), Approve())!.Reason);
    }

    [Fact]
    public void Check_ForbiddenComesBeforeStale_SoARefusedCallerLearnsNothingAboutTheContent()
    {
        Assert.Equal(ReviewRefusalKind.Forbidden, ReviewRules.Check(Editor, Subject("ann"), Approve(seen: "0000"))!.Kind);
    }

    [Fact]
    public void Check_AChecksumOtherThanTheCurrentOne_IsStale()
    {
        var refusal = ReviewRules.Check(Reviewer, Subject("ann"), Approve(seen: "0123456789abcdef"));

        Assert.Equal(ReviewRefusalKind.Stale, refusal!.Kind);
        Assert.Equal("checksum", refusal.Field);
        Assert.Contains("0123456789ab", refusal.Reason);
    }

    [Fact]
    public void Check_NoChecksum_DecidesAboutTheCurrentContent()
    {
        Assert.Null(ReviewRules.Check(Reviewer, Subject("ann"), Approve(seen: null)));
    }

    [Fact]
    public void Check_TheChecksumIsComparedWithoutCaseOrSurroundingSpace()
    {
        Assert.Null(ReviewRules.Check(Reviewer, Subject("ann"), Approve(seen: " " + Current.ToUpperInvariant() + " ")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_ARejectionWithoutAComment_IsInvalid(string? comment)
    {
        var refusal = ReviewRules.Check(Reviewer, Subject("ann"), new ReviewRequest(ReviewDecision.Reject, comment, Current));

        Assert.Equal(ReviewRefusalKind.Invalid, refusal!.Kind);
        Assert.Equal("comment", refusal.Field);
    }

    [Fact]
    public void Check_ARejectionWithAComment_AndAnApprovalWithout_AreFine()
    {
        Assert.Null(ReviewRules.Check(Reviewer, Subject("ann"), new ReviewRequest(ReviewDecision.Reject, "threshold too low", Current)));
        Assert.Null(ReviewRules.Check(Reviewer, Subject("ann"), Approve(comment: null)));
    }

    [Fact]
    public void Check_ACommentLongerThanTheLimit_IsInvalid()
    {
        var refusal = ReviewRules.Check(Reviewer, Subject(), Approve(comment: new string('x', ReviewRules.MaxComment + 1)));

        Assert.Equal(ReviewRefusalKind.Invalid, refusal!.Kind);
    }

    [Fact]
    public void MayReview_ANamespaceWithoutTeam_OnlyAnAdmin()
    {
        Assert.NotNull(ReviewRules.MayReview(Reviewer, ""));
        Assert.Null(ReviewRules.MayReview(Admin, ""));
    }

    [Fact]
    public void Allows_OnlyTheApprovedChecksum()
    {
        Assert.True(ReviewRules.Allows(Current, Current));
        Assert.False(ReviewRules.Allows(Current, "ffff"));
        Assert.False(ReviewRules.Allows(null, Current));
    }
}
