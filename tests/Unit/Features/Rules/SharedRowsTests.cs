using Portal.Domain.Lint;
using Portal.Features.Rules;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

public class SharedRowsTests
{
    [Fact]
    public void AnEqualRowBuiltAgain_IsTheStringAlreadyHeld()
    {
        var row = "<tr data-testid=\"rule-row\"><td>" + Guid.NewGuid() + "</td></tr>";
        var first = SharedRows.Share(row);
        var again = SharedRows.Share(new string(row.AsSpan()));

        Assert.Same(first, again);
    }

    [Fact]
    public void ADifferentRow_IsItself_AndSoIsAnEqualOneOfIt()
    {
        var one = SharedRows.Share("<tr><td>" + Guid.NewGuid() + "</td></tr>");
        var other = "<tr><td>" + Guid.NewGuid() + "</td></tr>";

        var shared = SharedRows.Share(other);

        Assert.Same(other, shared);
        Assert.NotEqual(one, shared);
        Assert.Same(other, SharedRows.Share(new string(other.AsSpan())));
    }

    private static List<NamespaceSummary> Namespaces(Guid first, string team) =>
        [new(first, "payments-" + first.ToString("N")[..6], new string(team.AsSpan()), 2, 14, 7), new(Guid.Parse("00000000-0000-0000-0000-000000000002"), "search", "search-team", 1, 3, 9)];

    [Fact]
    public void TheNamespaceList_LoadedAgainUnchanged_IsTheListAlreadyHeld_AndAChangedOneIsNot()
    {
        var id = Guid.NewGuid();
        var first = SharedRows.Share(Namespaces(id, "payments"));

        var again = SharedRows.Share(Namespaces(id, "payments"));
        var renamedTeam = Namespaces(id, "billing");
        var changed = SharedRows.Share(renamedTeam);

        Assert.Same(first, again);
        Assert.Same(renamedTeam, changed);
        Assert.Equal("billing", changed[0].Team);
    }

    [Fact]
    public void APageOfRules_LoadedAgainUnchanged_SharesItsItems_AndKeepsItsOwnTotal()
    {
        var id = Guid.NewGuid();
        RuleListItem Item(double? fires) => new(id, "payments", "latency", 0, RuleKind.Alerting, "PaymentsSlow", "rate(x[5m]) > 1", "page", true, 0, 1, fires,
            DateTimeOffset.UnixEpoch, 3);

        var first = SharedRows.Share(new RulePage([Item(2.5)], 40));
        var again = SharedRows.Share(new RulePage([Item(2.5)], 41));
        var noisier = SharedRows.Share(new RulePage([Item(9)], 40));

        Assert.Same(first.Items, again.Items);
        Assert.Equal(41, again.Total);
        Assert.NotSame(first.Items, noisier.Items);
        Assert.Equal(9, noisier.Items[0].FiresPerWeek);
    }
}
