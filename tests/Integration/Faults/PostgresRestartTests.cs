using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Portal.Tests.Integration.Faults;

/// <summary>
/// A real PostgreSQL restart (<c>pg_ctl restart -m fast</c>) under concurrent rule saves through the API, on a
/// PostgreSQL of the test's own. Each save either commits whole (its version, its revision and its audit row) or
/// answers 503 "database unavailable" (never a 500), and the editor's retry then succeeds.
/// </summary>
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private const int Writers = 6;
    private const string Team = "faults";

    private readonly OwnPostgres _postgres = new();
    private PortalFactory _portal = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _postgres.CreateAsync();
        try
        {
            _portal = OwnPostgresPortal.Create(_postgres);
            await OwnPostgresPortal.PrepareAsync(_portal, Team);
            _http = OwnPostgresPortal.Api(_portal);
        }
        catch
        {
            // xUnit does not call DisposeAsync when this throws: leave no server behind.
            await _postgres.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await _portal.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    private sealed record Attempt(Guid Rule, string Reason, double Threshold, HttpStatusCode Status, string? Title, int? VersionNumber);

    [Fact]
    public async Task SavesDuringARestart_EachCommitsWholeOrAnswers503_AndTheRetrySucceeds()
    {
        var group = await CreateGroupAsync();
        var rules = new List<Guid>();
        for (var i = 0; i < Writers; i++)
        {
            rules.Add(await CreateRuleAsync(group, i));
        }

        var attempts = _attempts;
        var retries = new ConcurrentBag<Attempt>();
        var recoveries = new ConcurrentBag<Recovery>();
        using var stop = new CancellationTokenSource();
        var writers = rules.Select((rule, i) => Task.Run(() => WriteAsync(rule, i, attempts, retries, recoveries, stop.Token))).ToList();

        // Saves run before, during and after each restart.
        await UntilAsync(() => attempts.Count(a => a.Status == HttpStatusCode.OK) >= Writers * 3, "no saves succeeded before the restart");
        for (var restart = 0; restart < 2; restart++)
        {
            var before = attempts.Count;
            await _postgres.RestartAsync();
            await UntilAsync(() => attempts.Count >= before + Writers * 4, "saves did not continue after the restart");
        }

        await UntilAsync(() => rules.All(r => attempts.Any(a => a.Rule == r && a.Status == HttpStatusCode.OK)), "some rule was never saved");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var all = attempts.ToList();
        var failed = all.Where(a => a.Status != HttpStatusCode.OK).ToList();
        // Every failure, first try or retry, was the outage said as such: not a 500, not an unhandled exception.
        Assert.All(failed.Concat(retries.Where(a => a.Status != HttpStatusCode.OK)), a => Assert.True(a.Status == HttpStatusCode.ServiceUnavailable,
            $"{a.Reason}: {(int)a.Status} {a.Title}, expected 503"));
        Assert.NotEmpty(failed);
        // At least one request met the restart inside the store (not only at the token check in front of it).
        Assert.Contains(failed.Concat(retries), a => a.Title == "Database unavailable");
        // Every failed save was tried again (as an editor does, from the rule read afresh) and then went through.
        Assert.Equal(failed.Count, recoveries.Count);
        Assert.All(recoveries, r => Assert.True(r.Saved, $"{r.Failed.Reason}: the retry did not save it"));

        await AssertNoTornWritesAsync(rules, all.Concat(retries).ToList(), recoveries.ToList());
    }

    /// <summary>Saves <paramref name="rule"/> again and again with a new threshold each time; after a failure, reads it and tries again.</summary>
    private async Task WriteAsync(Guid rule, int writer, ConcurrentBag<Attempt> attempts, ConcurrentBag<Attempt> retries,
        ConcurrentBag<Recovery> recoveries, CancellationToken stop)
    {
        var (version, _) = await ReadAsync(rule);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var threshold = Threshold(writer, n);
            var attempt = await PutAsync(rule, version, threshold, $"w{writer} save {n}");
            attempts.Add(attempt);
            if (attempt.Status == HttpStatusCode.OK)
            {
                version = await VersionOfAsync(rule);
                continue;
            }

            if (attempt.Status != HttpStatusCode.ServiceUnavailable)
            {
                recoveries.Add(new Recovery(attempt, false, false));
                return;
            }

            // What the editor does: read the rule again (waiting for the database), then save the same change once more.
            var (current, stored) = await ReadAsync(rule);
            var landed = stored == threshold;
            var retried = landed;
            for (var r = 0; !retried; r++)
            {
                // The commit went through and only its answer was lost (the rule already says so), or the retry did.
                var retry = await PutAsync(rule, current, threshold, $"w{writer} save {n} retry {r}");
                retries.Add(retry);
                if (retry.Status != HttpStatusCode.ServiceUnavailable)
                {
                    retried = retry.Status == HttpStatusCode.OK;
                    break;
                }

                (current, stored) = await ReadAsync(rule);
                retried = stored == threshold;
            }

            recoveries.Add(new Recovery(attempt, landed, retried));
            version = await VersionOfAsync(rule);
        }
    }

    /// <summary>A failed save, whether it had in fact committed (its answer lost), and whether it is in the rule now.</summary>
    private sealed record Recovery(Attempt Failed, bool LandedAnyway, bool Saved);

    private static double Threshold(int writer, int n) => writer * 10_000 + n + 0.5;

    private async Task<Attempt> PutAsync(Guid rule, uint version, double threshold, string reason)
    {
        using var response = await _http.PutAsJsonAsync($"/api/v1/rules/{rule}", Body(null, _names[rule], threshold, Reason(rule, reason), version));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return response.StatusCode == HttpStatusCode.OK
            ? new Attempt(rule, reason, threshold, response.StatusCode, null, json.GetProperty("versionNumber").GetInt32())
            : new Attempt(rule, reason, threshold, response.StatusCode, json.TryGetProperty("title", out var t) ? t.GetString() : null, null);
    }

    /// <summary>The rule's current row version and threshold, waiting while the database is away.</summary>
    private async Task<(uint Version, double Threshold)> ReadAsync(Guid rule)
    {
        for (var tries = 0; ; tries++)
        {
            using var response = await _http.GetAsync($"/api/v1/rules/{rule}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                return (json.GetProperty("version").GetUInt32(), json.GetProperty("threshold").GetProperty("value").GetDouble());
            }

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && tries < 600,
                $"reading the rule answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }

    private async Task<uint> VersionOfAsync(Guid rule) => (await ReadAsync(rule)).Version;

    /// <summary>Straight from the database, as its owner: rule, revisions and audit rows agree, and every acknowledged save is there.</summary>
    private async Task AssertNoTornWritesAsync(List<Guid> rules, List<Attempt> attempts, List<Recovery> recoveries)
    {
        NpgsqlConnection.ClearAllPools();
        await using var db = new NpgsqlConnection(_postgres.OwnerConnection);
        await db.OpenAsync();
        foreach (var rule in rules)
        {
            var revisions = new Dictionary<int, string?>();
            await using (var read = new NpgsqlCommand("SELECT number, reason FROM rule_versions WHERE rule_id = @id", db))
            {
                read.Parameters.AddWithValue("id", rule);
                await using var rows = await read.ExecuteReaderAsync();
                while (await rows.ReadAsync())
                {
                    revisions.Add(rows.GetInt32(0), rows.IsDBNull(1) ? null : rows.GetString(1));
                }
            }

            var audited = new List<string>();
            await using (var read = new NpgsqlCommand(
                "SELECT detail->>'reason' FROM audit_events WHERE action IN ('rule.create', 'rule.update') AND detail->>'reason' LIKE @prefix", db))
            {
                read.Parameters.AddWithValue("prefix", ReasonPrefix(rule) + "%");
                await using var rows = await read.ExecuteReaderAsync();
                while (await rows.ReadAsync())
                {
                    audited.Add(rows.GetString(0));
                }
            }

            await using var current = new NpgsqlCommand("SELECT version_number, threshold FROM rules WHERE id = @id", db);
            current.Parameters.AddWithValue("id", rule);
            await using (var row = await current.ExecuteReaderAsync())
            {
                Assert.True(await row.ReadAsync());
                // The rule's own columns are its newest revision, and the revisions have no gap.
                Assert.Equal(revisions.Keys.Max(), row.GetInt32(0));
                Assert.Equal(Enumerable.Range(1, revisions.Count), revisions.Keys.Order());
            }

            // One audit row per revision and one revision per audit row: no half of a save without the other.
            var reasons = revisions.Values.Where(r => r is not null && r.StartsWith(ReasonPrefix(rule), StringComparison.Ordinal)).Select(r => r!).Order().ToList();
            Assert.Equal(reasons, audited.Select(r => r).Order().ToList());
            Assert.Equal(revisions.Count, reasons.Count);

            foreach (var ok in attempts.Where(a => a.Rule == rule && a.Status == HttpStatusCode.OK))
            {
                Assert.True(revisions.TryGetValue(ok.VersionNumber!.Value, out var reason) && reason == Reason(rule, ok.Reason),
                    $"{ok.Reason} was acknowledged as version {ok.VersionNumber}, which the database does not hold");
            }

            foreach (var recovery in recoveries.Where(r => r.Failed.Rule == rule))
            {
                // A failed save is in the database only when the test saw it landed (its answer lost, its commit made).
                Assert.Equal(recovery.LandedAnyway, revisions.ContainsValue(Reason(rule, recovery.Failed.Reason)));
            }
        }
    }

    private async Task<Guid> CreateGroupAsync()
    {
        using var ns = await _http.PostAsJsonAsync("/api/v1/namespaces", new { name = "restart", team = Team });
        Assert.True(ns.IsSuccessStatusCode, await ns.Content.ReadAsStringAsync());
        using var created = await _http.PostAsJsonAsync("/api/v1/namespaces/restart/groups", new { name = "saves", interval = "1m" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private readonly ConcurrentDictionary<Guid, string> _names = new();

    private async Task<Guid> CreateRuleAsync(Guid group, int writer)
    {
        var name = $"Restart{writer}";
        using var created = await _http.PostAsJsonAsync("/api/v1/rules", Body(group, name, Threshold(writer, -1), ReasonPrefix(name) + "created", null));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        _names[id] = name;
        return id;
    }

    /// <summary>Every reason starts with the rule's name, so revisions and audit rows can be matched per rule.</summary>
    private static string ReasonPrefix(string name) => name + ": ";

    private string ReasonPrefix(Guid rule) => ReasonPrefix(_names[rule]);

    private string Reason(Guid rule, string reason) => ReasonPrefix(rule) + reason;

    private static Dictionary<string, object?> Body(Guid? group, string name, double threshold, string reason, uint? version)
    {
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "alerting",
            ["name"] = name,
            ["reason"] = reason,
            ["expr"] = $"sum(rate(http_requests_total[5m])) > {threshold.ToString(CultureInfo.InvariantCulture)}",
            ["for"] = "5m",
            ["labels"] = new Dictionary<string, string> { ["severity"] = "warning" },
            ["annotations"] = new Dictionary<string, string> { ["summary"] = "restart test" },
            ["enabled"] = true,
            ["version"] = version,
        };
        if (group is { } g)
        {
            body["groupId"] = g;
        }

        return body;
    }

    private readonly ConcurrentBag<Attempt> _attempts = [];

    private async Task UntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            // A writer that met anything but 200 or 503 has stopped: say what it met rather than wait.
            if (_attempts.FirstOrDefault(a => a.Status is not HttpStatusCode.OK and not HttpStatusCode.ServiceUnavailable) is { } wrong)
            {
                Assert.Fail($"{wrong.Reason}: {(int)wrong.Status} {wrong.Title}, expected 200 or 503");
            }

            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
