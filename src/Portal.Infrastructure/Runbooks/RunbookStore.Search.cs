using Microsoft.EntityFrameworkCore;
using Portal.Domain.Runbooks;

namespace Portal.Infrastructure.Runbooks;

internal sealed partial class RunbookStore
{
    /// <summary>What a match in a linked alert's name adds to the rank: more than any text match (a title match adds 1).</summary>
    private const double AlertNameBoost = 2;

    /// <summary>ts_headline reads this much of a body at most: the snippet of a 1 MB runbook must not cost a 1 MB parse.</summary>
    internal const int SnippetSource = 50_000;

    // The markers are characters RunbookLimits keeps out of every runbook, so only the database's highlights carry them.
    private static readonly string HeadlineOptions =
        $"StartSel=\"{SearchSnippet.Start}\", StopSel=\"{SearchSnippet.Stop}\", MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=\" … \"";

    /// <summary>
    /// Text matches ranked in full at most. Ranking reads each match's whole search vector (TOASTed, ~6 KB for a 3 KB
    /// body); a word in all of 10,000 runbooks cost ~120 ms of that alone. Past this many matches, the ones whose
    /// title matches come first, then the most recently changed (decision 0028).
    /// </summary>
    internal const int RankedCandidates = 1_000;

    // The top hits are chosen first and only they get a headline (the inner query's LIMIT), since ts_headline
    // re-reads the document. A title that matches the whole query outranks any body, and a linked alert's name
    // (by substring, as the rule list finds names, or by its words) outranks both. The candidates come from the GIN
    // index and the small stored title vector; only the capped set reads the full vectors to be ranked.
    private static readonly string SearchSql = $"""
        WITH q AS (SELECT websearch_to_tsquery('{RunbookModel.SearchConfig}', @text) AS query),
        candidates AS (
            SELECT r.id, r.title_vector @@ q.query AS in_title
            FROM runbooks r, q
            WHERE r.deleted_at IS NULL AND r.search_vector @@ q.query
              AND (@tag::text IS NULL OR @tag = ANY (r.tags)) AND (@team::text IS NULL OR r.team = @team)
            ORDER BY in_title DESC, r.updated_at DESC, r.id
            LIMIT {RankedCandidates}
        ),
        matches AS (
            SELECT r.id, ts_rank(r.search_vector, q.query)::float8 + CASE WHEN c.in_title THEN 1 ELSE 0 END AS rank
            FROM candidates c JOIN runbooks r ON r.id = c.id, q
            UNION ALL
            SELECT ru.runbook_id, @boost
            FROM rules ru, q
            WHERE ru.runbook_id IS NOT NULL AND ru.deleted_at IS NULL
              AND (ru.name ILIKE @pattern ESCAPE '\' OR to_tsvector('{RunbookModel.SearchConfig}', ru.name) @@ q.query)
        ),
        top AS (
            SELECT r.id, sum(m.rank) AS rank
            FROM matches m JOIN runbooks r ON r.id = m.id
            WHERE r.deleted_at IS NULL AND (@tag::text IS NULL OR @tag = ANY (r.tags)) AND (@team::text IS NULL OR r.team = @team)
            GROUP BY r.id
            ORDER BY sum(m.rank) DESC, r.id
            LIMIT @limit
        )
        SELECT r.slug AS "Slug", r.title AS "Title", r.tags AS "Tags", r.team AS "Team",
               ts_headline('{RunbookModel.SearchConfig}', left(r.body, {SnippetSource}), q.query, @options) AS "Snippet", top.rank AS "Rank"
        FROM top JOIN runbooks r ON r.id = top.id, q
        ORDER BY top.rank DESC, r.title, r.slug
        """;

    public async Task<IReadOnlyList<RunbookHit>> SearchAsync(RunbookSearch search, CancellationToken ct)
    {
        if (search.Problems().Count > 0)
        {
            return [];
        }

        var tag = string.IsNullOrWhiteSpace(search.Tag) ? null : search.Tag.Trim().ToLowerInvariant();
        var team = string.IsNullOrWhiteSpace(search.Team) ? null : search.Team.Trim();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (string.IsNullOrWhiteSpace(search.Text))
        {
            // No words: the filters alone, by title, each with the start of its body.
            var rows = await Live(db)
                .Where(r => (tag == null || r.Tags.Contains(tag)) && (team == null || r.Team == team))
                .OrderBy(r => r.Title).ThenBy(r => r.Slug).Take(search.Limit)
                .Select(r => new { r.Slug, r.Title, r.Tags, r.Team, Start = r.Body.Substring(0, 200) })
                .ToListAsync(ct);
            return rows.Select(r => new RunbookHit(r.Slug, r.Title, r.Tags, r.Team, r.Start, 0)).ToList();
        }

        var text = search.Text.Trim();
        var hits = await db.Database.SqlQueryRaw<SearchRow>(SearchSql,
                new Npgsql.NpgsqlParameter("text", text),
                new Npgsql.NpgsqlParameter("pattern", "%" + EscapeLike(text) + "%"),
                new Npgsql.NpgsqlParameter("boost", AlertNameBoost),
                new Npgsql.NpgsqlParameter("tag", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)tag ?? DBNull.Value },
                new Npgsql.NpgsqlParameter("team", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)team ?? DBNull.Value },
                new Npgsql.NpgsqlParameter("limit", search.Limit),
                new Npgsql.NpgsqlParameter("options", HeadlineOptions))
            .ToListAsync(ct);
        return hits.Select(h => new RunbookHit(h.Slug, h.Title, h.Tags, h.Team, h.Snippet, h.Rank)).ToList();
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private sealed class SearchRow
    {
        public string Slug { get; set; } = "";
        public string Title { get; set; } = "";
        public string[] Tags { get; set; } = [];
        public string Team { get; set; } = "";
        public string Snippet { get; set; } = "";
        public double Rank { get; set; }
    }
}
