using Portal.Infrastructure.Audit;
using Portal.Tests.Integration.Catalog;

namespace Portal.Tests.Integration.Audit;

/// <summary>Whatever a refused request carried, its audit row is written: cut to the column with a marker, unstorable characters replaced.</summary>
public class AuditTextTests(CatalogDatabase database) : IClassFixture<CatalogDatabase>
{
    private AuditLog Log => new(database.Contexts);

    [Fact]
    public async Task AFiveHundredCharacterSubject_IsStoredCutToTheColumn_WithAMarkerSayingHowMuchWasCut()
    {
        var actor = "long-" + Guid.NewGuid().ToString("N")[..8];
        var subject = "ns-" + new string('x', 497);

        await Log.RecordAsync(As.Admin(actor), "denied.rules.import", subject, null, default);

        var stored = Assert.Single((await Log.QueryAsync(new AuditQuery(Actor: actor), default)).Items).Subject;
        Assert.Equal(400, stored.Length);
        var kept = stored.IndexOf('…', StringComparison.Ordinal);
        Assert.Equal(subject[..kept] + $"…(+{500 - kept} chars)", stored);
    }

    [Fact]
    public async Task AnActorLongerThanItsColumn_IsCutToo()
    {
        var actor = "a" + Guid.NewGuid().ToString("N") + new string('b', 300);

        await Log.RecordAsync(As.Admin(actor), "signin.failure", "session", null, default);

        var stored = Assert.Single((await Log.QueryAsync(new AuditQuery(Subject: "session", Actor: AuditText.Fit(actor, 200)), default)).Items);
        Assert.Equal(200, stored.Actor.Length);
        Assert.EndsWith("chars)", stored.Actor);
    }

    [Fact]
    public async Task NulsAndLoneSurrogates_InActorSubjectAndDetail_AreStoredAsReplacementCharacters()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];

        await Log.RecordAsync(As.Admin($"nul\0{marker}"), "denied.group.create", $"ns/bad\0group\uD800{marker}",
            new { name = "a\0b", half = "\uDC00", pair = "\U0001F525", escaped = "\\u0000 stays text" }, default);

        var row = Assert.Single((await Log.QueryAsync(new AuditQuery(Subject: marker), default)).Items);
        Assert.Equal($"nul\uFFFD{marker}", row.Actor);
        Assert.Equal($"ns/bad\uFFFDgroup\uFFFD{marker}", row.Subject);
        var detail = System.Text.Json.JsonDocument.Parse(row.Detail!).RootElement;
        Assert.Equal("a\uFFFDb", detail.GetProperty("name").GetString());
        Assert.Equal("\uFFFD", detail.GetProperty("half").GetString());
        Assert.Equal("\U0001F525", detail.GetProperty("pair").GetString());
        Assert.Equal("\\u0000 stays text", detail.GetProperty("escaped").GetString());
    }

    [Theory]
    [InlineData(10, "short", "short")]
    [InlineData(5, "exact", "exact")]
    [InlineData(14, "abcdefghijklmnopqrstuvwxyz", "ab…(+24 chars)")]
    [InlineData(20, "abcdefghijklmnopqrstuvwxyz", "abcdefgh…(+18 chars)")]
    public void Fit_CutsWithAMarker_OnlyWhenTooLong(int max, string value, string expected) =>
        Assert.Equal(expected, AuditText.Fit(value, max));

    [Fact]
    public void Fit_NeverSplitsASurrogatePair() =>
        Assert.Equal("ab…(+42 chars)", AuditText.Fit("ab\U0001F525" + new string('c', 40), 15));
}
