using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Domain.RuleFiles;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Catalog;
using Portal.Infrastructure.Runbooks;

namespace Portal.Tests.Integration.Runbooks;

public class RunbookSearchTests(RunbookDatabase database) : IClassFixture<RunbookDatabase>
{
    private static readonly Caller Admin = As.Admin("alice");
    private IRunbookStore Store => database.Store;

    /// <summary>A made-up word only one test uses, so the tests of the class never find each other's runbooks.</summary>
    private static string Word() => "zq" + Guid.NewGuid().ToString("N")[..10].Replace('0', 'g').Replace('1', 'h');

    private async Task<string> CreateAsync(string title, string body, string[]? tags = null, string team = "sre")
    {
        var slug = RunbookSlug.Suggest(title) + "-" + Guid.NewGuid().ToString("N")[..6];
        var result = await Store.SaveAsync(new RunbookEdit(null, slug, title, tags ?? ["ops"], team, body, null, null), Admin, default);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return slug;
    }

    [Fact]
    public async Task ATitleMatch_RanksAboveABodyMatch_EvenABodyFullOfTheWord()
    {
        var word = Word();
        var inBody = await CreateAsync("Something else", string.Join(' ', Enumerable.Repeat(word, 50)));
        var inTitle = await CreateAsync($"The {word} runbook", "Nothing to see here.");
        var inTags = await CreateAsync("Another thing", "Nothing here either.", [word]);

        var hits = await Store.SearchAsync(new RunbookSearch(word), default);

        Assert.Equal([inTitle, inTags, inBody], hits.Select(h => h.Slug));
        Assert.True(hits[0].Rank > hits[1].Rank && hits[1].Rank > hits[2].Rank);
    }

    [Fact]
    public async Task AWordInMoreRunbooksThanAreRanked_KeepsTheTitleMatchFirst_AndRanksTheNewestBodies()
    {
        // More body matches than the store ranks in full (decision 0028), all changed after the title match: the title
        // match is still a candidate and first; of the bodies, the newest are ranked, so an older one that says the
        // word more often is left out. Without the cap it would come second.
        var word = Word();
        var inTitle = await CreateAsync($"{word} overview", "Short.");
        var often = await CreateAsync("Says it often", string.Join(' ', Enumerable.Repeat(word, 30)));
        var bodies = Enumerable.Range(0, RunbookStore.RankedCandidates + 20)
            .Select(i => new RunbookEdit(null, $"{word}-body-{i}", $"Body match {i}", ["ops"], "sre", $"Once: {word}, and other words.", null, null))
            .ToList();
        var imported = await Store.ImportAsync(bodies, Admin, default);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));

        var hits = await Store.SearchAsync(new RunbookSearch(word, Limit: 5), default);

        Assert.Equal(5, hits.Count);
        Assert.Equal(inTitle, hits[0].Slug);
        Assert.DoesNotContain(hits, h => h.Slug == often);
        Assert.All(hits.Skip(1), h => Assert.StartsWith($"{word}-body-", h.Slug));
    }

    [Fact]
    public async Task Snippets_MarkTheMatches_AsPlainText()
    {
        var word = Word();
        var slug = await CreateAsync("Snippet", $"Before anything else, check <b>the</b> {word} gauge and restart the pod.");

        var hit = Assert.Single(await Store.SearchAsync(new RunbookSearch(word), default));

        Assert.Equal(slug, hit.Slug);
        Assert.Contains($"{SearchSnippet.Start}{word}{SearchSnippet.Stop}", hit.Snippet);
        Assert.Contains(SearchSnippet.Runs(hit.Snippet), r => r.Match && r.Text == word);
    }

    [Fact]
    public async Task Stemming_FindsOtherFormsOfAWord()
    {
        var word = Word();
        var slug = await CreateAsync($"Restarting {word}", "The service restarts itself.");

        Assert.Equal(slug, Assert.Single(await Store.SearchAsync(new RunbookSearch($"restart {word}"), default)).Slug);
    }

    [Fact]
    public async Task TagAndTeamFilters_NarrowTheHits()
    {
        var word = Word();
        var sreDb = await CreateAsync($"{word} one", "x", ["database"], "sre");
        var payDb = await CreateAsync($"{word} two", "x", ["database"], "pay");
        var sreCache = await CreateAsync($"{word} three", "x", ["cache"], "sre");

        Assert.Equal(new[] { sreDb, payDb }.Order(), (await Store.SearchAsync(new RunbookSearch(word, Tag: "database"), default)).Select(h => h.Slug).Order());
        Assert.Equal(new[] { sreCache, sreDb }.Order(), (await Store.SearchAsync(new RunbookSearch(word, Team: "sre"), default)).Select(h => h.Slug).Order());
        Assert.Equal([payDb], (await Store.SearchAsync(new RunbookSearch(word, Tag: "database", Team: "pay"), default)).Select(h => h.Slug));
        // Without words, the filters alone list runbooks.
        Assert.Contains(await Store.SearchAsync(new RunbookSearch("", Tag: "cache", Team: "sre"), default), h => h.Slug == sreCache);
    }

    [Fact]
    public async Task TheNameOfALinkedAlert_FindsItsRunbook_AboveTextMatches()
    {
        var word = Word();
        var alert = "PostgresReplicationLag" + word;
        var linked = await CreateAsync("Replica falls behind", "Check the WAL sender.");
        var mentions = await CreateAsync($"About {alert.ToLowerInvariant()}", "Mentions it in the title only.");
        var ns = (await database.Rules.CreateNamespaceAsync("ns-" + word, "sre", Admin, default)).Value!;
        var group = (await database.Rules.SaveGroupAsync(new GroupEdit(null, ns.Id, "g", PromDuration.Parse("30s"), null, 0), Admin, default)).Value!;
        var rule = (await database.Rules.SaveAsync(new RuleEdit(null, group.Id, new RuleContent(RuleKind.Alerting, alert, "pg_replication_lag > 30",
            PromDuration.Parse("5m"), null, LabelMap.From(new Dictionary<string, string>()), LabelMap.From(new Dictionary<string, string>())), 0), Admin, default)).Value!;
        Assert.Equal(StoreOutcome.Saved, (await Store.LinkRuleAsync(rule.Id, linked, Admin, default)).Outcome);

        var byName = await Store.SearchAsync(new RunbookSearch(alert), default);
        var byPart = await Store.SearchAsync(new RunbookSearch("ReplicationLag" + word), default);

        Assert.Equal(linked, byName[0].Slug);
        Assert.Contains(byName, h => h.Slug == mentions);
        Assert.Equal(linked, Assert.Single(byPart).Slug);
    }

    [Fact]
    public async Task DeletedRunbooks_AreNotFound()
    {
        var word = Word();
        var slug = await CreateAsync($"Doomed {word}", "x");
        var version = (await Store.FindAsync(slug, default)).Runbook!.Version;
        await Store.DeleteAsync(slug, version, Admin, default);

        Assert.Empty(await Store.SearchAsync(new RunbookSearch(word), default));
    }

    [Theory]
    [InlineData(501, 50, "q")]
    [InlineData(10, 101, "limit")]
    [InlineData(10, 0, "limit")]
    public async Task OversizedSearches_AreInvalid_AndFindNothing(int length, int limit, string field)
    {
        var search = new RunbookSearch(new string('a', length), Limit: limit);

        Assert.Equal(field, Assert.Single(search.Problems()).Field);
        Assert.Empty(await Store.SearchAsync(search, default));
    }

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("-")]
    [InlineData("or or or")]
    [InlineData("a & b | !c <-> (d")]
    [InlineData("%_\\")]
    public async Task OddSearchText_NeverFails(string text) =>
        Assert.NotNull(await Store.SearchAsync(new RunbookSearch(text), default));
}
