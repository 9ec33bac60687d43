using Portal.Features.Rules;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

public class GroupSearchTests
{
    private static readonly GroupChoice[] Choices =
    [
        new(Guid.NewGuid(), "payments-redis", "payments-redis.availability", "payments", null, null),
        new(Guid.NewGuid(), "payments-api", "payments-api.availability", "payments", null, null),
        new(Guid.NewGuid(), "search-redis", "search-redis.availability", "search", null, null),
    ];

    [Fact]
    public void Filter_EveryWordMustMatch_InAnyOrderAndCase()
    {
        Assert.Equal(["payments-redis"], GroupSearch.Filter(Choices, "REDIS pay").Select(c => c.Namespace).ToArray());
    }

    [Fact]
    public void Filter_TheWayTheChoiceIsWritten_NamespaceSlashGroup_FindsIt()
    {
        Assert.Equal(["search-redis"], GroupSearch.Filter(Choices, "search-redis / search-redis.availability").Select(c => c.Namespace).ToArray());
    }

    [Fact]
    public void Filter_ByTeam_AndBlankMeansAll()
    {
        Assert.Equal(2, GroupSearch.Filter(Choices, "payments").Count());
        Assert.Equal(3, GroupSearch.Filter(Choices, "   ").Count());
        Assert.Equal(3, GroupSearch.Filter(Choices, null).Count());
    }
}
