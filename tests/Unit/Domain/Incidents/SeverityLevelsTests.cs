using Portal.Domain.Incidents;

namespace Portal.Tests.Unit.Domain.Incidents;

public class SeverityLevelsTests
{
    private static SeverityLevel Level(string name, int rank, params string[] labels) =>
        new(name, "", TimeSpan.FromMinutes(15), labels, rank);

    [Fact]
    public void Starter_IsValidAndShapedLikeSev123()
    {
        Assert.Empty(SeverityLevels.Validate(SeverityLevels.Starter));
        Assert.Equal(["SEV-1", "SEV-2", "SEV-3"], SeverityLevels.Starter.Select(l => l.Name));
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)],
            SeverityLevels.Starter.Select(l => l.ExpectedResponse));
    }

    [Theory]
    [InlineData("critical", "SEV-1")]
    [InlineData("Warning", "SEV-2")]
    [InlineData(" info ", "SEV-3")]
    [InlineData("page-everyone", "SEV-3")]
    [InlineData(null, "SEV-3")]
    public void ForLabel_MapsCaseInsensitivelyAndFallsBackToTheLeastGrave(string? label, string expected) =>
        Assert.Equal(expected, SeverityLevels.ForLabel(SeverityLevels.Starter, label)?.Name);

    [Fact]
    public void ForLabel_NoLevels_IsNull() => Assert.Null(SeverityLevels.ForLabel([], "critical"));

    [Fact]
    public void Validate_DuplicateNamesRanksAndLabels_AreNamedByTheirPlace()
    {
        var errors = SeverityLevels.Validate([Level("SEV-1", 1, "critical"), Level("sev-1", 1, "CRITICAL"), Level(" ", 3)]);

        Assert.Equal(["levels[1].name", "levels[1].rank", "levels[1].labelValues", "levels[2].name"], errors.Select(e => e.Field));
        Assert.Contains("already maps to levels[0]", errors[2].Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(7 * 24 * 60 + 1)]
    public void Validate_ResponseTimeOutOfRange_IsRefused(int minutes)
    {
        var error = Assert.Single(SeverityLevels.Validate([new SeverityLevel("SEV-1", "", TimeSpan.FromMinutes(minutes), [], 1)]));

        Assert.Equal("levels[0].expectedResponse", error.Field);
    }

    [Fact]
    public void Validate_LongNameAndDescription_AreRefused()
    {
        var errors = SeverityLevels.Validate([new SeverityLevel(new string('n', 41), new string('d', 501), TimeSpan.FromMinutes(1), [], 1)]);

        Assert.Equal(["levels[0].name", "levels[0].description"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_CountOutOfRange_IsRefused()
    {
        Assert.Equal("levels", Assert.Single(SeverityLevels.Validate([])).Field);
        var many = Enumerable.Range(1, 21).Select(i => Level("S" + i, i)).ToList();
        Assert.Equal("levels", Assert.Single(SeverityLevels.Validate(many)).Field);
    }
}
