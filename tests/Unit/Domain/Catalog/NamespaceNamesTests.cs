using Portal.Domain.Catalog;

namespace Portal.Tests.Unit.Domain.Catalog;

public class NamespaceNamesTests
{
    [Theory]
    [InlineData("payments")]
    [InlineData("team-a.api_v2")]
    [InlineData("0")]
    public void CheckName_AcceptsNamesThatMakeAFileNameAsTheyAre(string name) => Assert.Null(NamespaceNames.CheckName(name));

    [Theory]
    [InlineData("Payments")]
    [InlineData("-leading")]
    [InlineData("trailing.")]
    [InlineData("has space")]
    [InlineData("slash/in")]
    public void CheckName_RefusesOthers_SayingWhatANameMayHold(string name)
    {
        var error = NamespaceNames.CheckName(name)!;

        Assert.Equal("name", error.Field);
        Assert.Contains($"\"{name}\"", error.Message);
        Assert.Contains("lower-case letters", error.Message);
    }

    [Fact]
    public void CheckName_OfNothing_SaysANameIsNeeded() =>
        Assert.Contains("needs a name", NamespaceNames.CheckName("  ")!.Message);

    [Fact]
    public void CheckName_RefusesMoreThan100Characters()
    {
        Assert.Null(NamespaceNames.CheckName(new string('a', 100)));
        Assert.NotNull(NamespaceNames.CheckName(new string('a', 101)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckTeam_WithoutATeam_AsksWhichTeamOwnsIt(string? team)
    {
        var error = NamespaceNames.CheckTeam(team)!;

        Assert.Equal("team", error.Field);
        Assert.StartsWith("Say which team owns the namespace", error.Message);
    }

    [Fact]
    public void CheckTeam_WithATeam_LeavesWhetherItExistsToTheStore() => Assert.Null(NamespaceNames.CheckTeam("payments"));

    [Theory]
    [InlineData(null, "Type the namespace's name (payments)")]
    [InlineData("", "Type the namespace's name (payments)")]
    [InlineData("Payments", "\"Payments\" is not the namespace's name")]
    [InlineData("payments ", "\"payments \" is not the namespace's name")]
    public void CheckDeleteConfirmation_WantsTheNameTypedExactly(string? typed, string message)
    {
        var error = NamespaceNames.CheckDeleteConfirmation("payments", typed)!;

        Assert.Equal("confirm", error.Field);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void CheckDeleteConfirmation_OfTheName_Confirms() => Assert.Null(NamespaceNames.CheckDeleteConfirmation("payments", "payments"));
}
