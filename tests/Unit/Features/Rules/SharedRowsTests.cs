using Portal.Features.Rules;

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
}
