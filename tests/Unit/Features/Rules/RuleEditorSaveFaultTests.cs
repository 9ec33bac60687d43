using Bunit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Features.Rules;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>
/// The rule editor when PostgreSQL goes away mid-save (a restart): EF and Npgsql throw their own wrappers, which the
/// page must still read as "the database could not be reached", keeping everything typed so the user can try again.
/// </summary>
public class RuleEditorSaveFaultTests : RulesTestContext
{
    public static TheoryData<string> Failures => ["save-changes", "execution-strategy", "shutdown"];

    /// <summary>What a save meets when the server restarts under it, as each layer reports it.</summary>
    private static Exception Failure(string kind) => kind switch
    {
        // The connection broke while SaveChanges was writing.
        "save-changes" => new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.",
            new NpgsqlException("Exception while reading from stream", new EndOfStreamException())),
        // Npgsql's execution strategy wraps a transient failure it will not retry.
        "execution-strategy" => new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111))),
        // The server ended the session: pg_ctl stop -m fast.
        _ => new DbUpdateException("An error occurred while saving the entity changes.",
            new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void SaveWhileTheDatabaseRestarts_SaysItCouldNotBeReached_KeepsTheInput_AndTheRetrySaves(string kind)
    {
        var group = Store.AddGroup("payments", "api");
        var id = Store.AddRule(group, FakeRuleStore.Alert("ApiErrors", "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.05"));
        Navigation.NavigateTo($"/rules/{id}");
        var cut = RenderPage<RuleEditorPage>((nameof(RuleEditorPage.Id), (Guid?)id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=editor-yaml]")));
        Store.NextSave = _ => throw Failure(kind);

        cut.Find("[data-testid=editor-threshold-value]").Change("0.1");
        cut.Find("[data-testid=editor-reason]").Change("too noisy at 5%");
        cut.Find("[data-testid=editor-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Not saved: the database could not be reached. Try again in a moment.", cut.Markup));
        // No framework wording reaches the user.
        Assert.DoesNotContain("inner exception", cut.Markup);
        Assert.DoesNotContain("administrator command", cut.Markup);
        Assert.Equal("0.1", cut.Find("[data-testid=editor-threshold-value]").GetAttribute("value"));
        Assert.Equal("too noisy at 5%", cut.Find("[data-testid=editor-reason]").GetAttribute("value"));
        Assert.Contains("unsaved changes", cut.Markup);

        // The database is back: the same click saves what was kept.
        cut.Find("[data-testid=editor-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved version 2", cut.Markup));
        var saved = Store.Saves[^1];
        Assert.Equal((0.1, "too noisy at 5%"), (saved.Content.Threshold!.Threshold, saved.Reason));
    }
}
