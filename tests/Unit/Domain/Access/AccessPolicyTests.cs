using Portal.Domain.Access;
using Xunit.Abstractions;

namespace Portal.Tests.Unit.Domain.Access;

public class AccessPolicyTests(ITestOutputHelper output)
{
    private static readonly Caller Viewer = Caller.Of("vera", [PortalRole.Viewer], ["payments"]);
    private static readonly Caller EditorA = Caller.Of("ann", [PortalRole.Editor], ["team-a"]);
    private static readonly Caller EditorB = Caller.Of("ben", [PortalRole.Editor], ["team-b"]);
    private static readonly Caller Publisher = Caller.Of("pia", [PortalRole.Publisher], []);
    private static readonly Caller Admin = Caller.Of("ada", [PortalRole.Admin], []);

    public static TheoryData<string, PortalAction, string?, bool> Matrix => new()
    {
        { "viewer", PortalAction.EditRules, "team-a", false },
        { "editor-a", PortalAction.EditRules, "team-a", true },
        { "editor-b", PortalAction.EditRules, "team-a", false },
        { "editor-a", PortalAction.EditRunbooks, "team-a", true },
        { "editor-a", PortalAction.EditIncidents, "team-b", true },
        { "viewer", PortalAction.EditIncidents, null, true },
        { "publisher", PortalAction.EditIncidents, "team-a", true },
        { "editor-a", PortalAction.EditRunbooks, "team-b", false },
        { "editor-a", PortalAction.EditRules, null, false },
        { "publisher", PortalAction.EditRules, "team-a", false },
        { "admin", PortalAction.EditRules, "team-a", true },
        { "viewer", PortalAction.Publish, null, false },
        { "editor-a", PortalAction.Publish, null, false },
        { "publisher", PortalAction.Publish, null, true },
        { "publisher", PortalAction.Rollback, null, true },
        { "admin", PortalAction.Rollback, null, true },
        { "publisher", PortalAction.Review, "team-a", false },
        { "editor-a", PortalAction.Review, "team-a", false },
        { "admin", PortalAction.Review, "team-a", true },
        { "publisher", PortalAction.ManageUsers, null, false },
        { "editor-a", PortalAction.ManageTeams, null, false },
        { "admin", PortalAction.ManageTargets, null, true },
        { "viewer", PortalAction.ManageSettings, null, false },
        { "editor-a", PortalAction.EditCapacity, "team-a", true },
        { "editor-b", PortalAction.EditCapacity, "team-a", false },
        { "viewer", PortalAction.EditCapacity, "payments", false },
    };

    private static Caller Named(string who) => who switch
    {
        "viewer" => Viewer,
        "editor-a" => EditorA,
        "editor-b" => EditorB,
        "publisher" => Publisher,
        _ => Admin,
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Decides(string who, PortalAction action, string? team, bool allowed)
    {
        var decision = AccessPolicy.Decide(Named(who), action, team);
        output.WriteLine($"{who,-10} {action,-14} {team ?? "-",-7} {(decision.Allowed ? "allow" : "deny"),-5} {decision.Reason}");
        Assert.Equal(allowed, decision.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void ADenial_SaysWhoLacksWhat()
    {
        var decision = AccessPolicy.Decide(EditorB, PortalAction.EditRules, "team-a");

        Assert.Contains("team-a", decision.Reason);
        Assert.Contains("ben", decision.Reason);
    }
}
