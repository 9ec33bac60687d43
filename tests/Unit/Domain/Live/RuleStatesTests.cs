using Portal.Domain.Live;
using static Portal.Tests.Unit.Domain.Live.LiveTestData;

namespace Portal.Tests.Unit.Domain.Live;

public class RuleStatesTests
{
    [Fact]
    public void Summarize_TakesTheStateFurthestAlongOverTargets_AndNotesAnEvaluationError()
    {
        var stored = Stored("payments", "api", "X");
        var files = new[] { File("payments") };
        var onA = LiveMatching.Match("a", [Group("api", "/r/payments.yml", Alert("X", Series(LiveState.Pending, Now)))], files);
        var failing = Alert("X", Series(LiveState.Firing, Now)) with { Health = "err", LastError = "many-to-many matching not allowed" };
        var onB = LiveMatching.Match("b", [Group("api", "/r/payments.yml", failing)], files);

        var summary = RuleStates.Summarize(onA.Concat(onB), LiveMatching.Index([stored]))[stored.Id];

        Assert.Equal(new RuleLiveSummary(LiveState.Firing, 1, 1, true, 12), summary);
    }

    [Fact]
    public void StateOf_NotYetEvaluated_IsNoData_AndAnEvaluatedRecordingRuleIsInactive()
    {
        Assert.Equal(LiveState.NoData, RuleStates.StateOf(Alert("X") with { LastEvaluation = null }));
        Assert.Equal(LiveState.Inactive, RuleStates.StateOf(Recording("job:x:sum")));
    }

    [Fact]
    public void Overall_ATargetDownAndOneFiring_IsFiring_AndNoTargets_IsNoData()
    {
        var targets = new[]
        {
            new TargetRuleState("a", "connection refused", null, null),
            new TargetRuleState("b", null, File("payments"), Alert("X", Series(LiveState.Firing, Now))),
        };

        Assert.Equal(LiveState.Firing, RuleStates.Overall(targets));
        Assert.Equal(LiveState.NoData, RuleStates.Overall([]));
    }
}
