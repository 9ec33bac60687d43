using Portal.Domain.Home;

namespace Portal.Tests.Unit.Domain.Home;

public class TeamCatalogTests
{
    [Fact]
    public void ByTeam_CountsActiveNamespacesAndTheirRules_ArchivedApart_MostRulesFirst()
    {
        var teams = TeamCatalog.ByTeam([("sre", 10, false), ("pay", 7, false), ("pay", 8, false), ("sre", 50, true), ("edge", 0, true)]);

        Assert.Equal(
            [new TeamCatalog("pay", 2, 15, 0), new TeamCatalog("sre", 1, 10, 1), new TeamCatalog("edge", 0, 0, 1)],
            teams);
    }

    [Fact]
    public void ByTeam_OfNothing_IsEmpty() => Assert.Empty(TeamCatalog.ByTeam([]));
}
