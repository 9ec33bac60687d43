using Bunit;
using Bunit.Rendering;
using MudBlazor;
using Portal.Features.Capacity;
using Portal.Infrastructure.Capacity;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Capacity;

public class CapacityModelDialogTests : CapacityTestContext
{
    public CapacityModelDialogTests() => SignIn("erin", "Editor", "team-a");

    private IRenderedComponent<ContainerFragment> OpenDialog(CapacityModelRow? model = null)
    {
        var parameters = new DialogParameters<CapacityModelDialog> { { d => d.Model, model } };
        var (cut, dialog) = ShowDialog("Capacity model", parameters);
        cut.WaitForAssertion(() => Assert.True(dialog.IsCompleted));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=capacity-model-name]")));
        return cut;
    }

    private static string ValueOf(IRenderedComponent<ContainerFragment> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").GetAttribute("value") ?? "";

    private static string? FieldErrorNear(IRenderedComponent<ContainerFragment> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    [Fact]
    public void LimitOfZero_IsRefusedAtTheField_BeforeSaving_AndTheInputStays()
    {
        var cut = OpenDialog();
        cut.Find("[data-testid=capacity-model-name]").Input("Connections of the pool");
        cut.Find("[data-testid=capacity-model-limit]").Input("0");

        cut.WaitForAssertion(() => Assert.Equal("The limit must be a number above zero.", FieldErrorNear(cut, "capacity-model-limit")));
        cut.Find("[data-testid=capacity-model-save]").Click();

        Assert.Empty(Capacity.Saves);
        Assert.Equal("Connections of the pool", ValueOf(cut, "capacity-model-name"));
        Assert.Equal("0", ValueOf(cut, "capacity-model-limit"));
        Assert.NotEmpty(cut.FindAll("[data-testid=capacity-model-dialog]"));
    }

    [Fact]
    public void NegativeLimit_IsRefusedToo_AndAPositiveOneClearsTheError()
    {
        var cut = OpenDialog();

        cut.Find("[data-testid=capacity-model-limit]").Input("-5");
        cut.WaitForAssertion(() => Assert.Equal("The limit must be a number above zero.", FieldErrorNear(cut, "capacity-model-limit")));
        cut.Find("[data-testid=capacity-model-limit]").Input("500");

        cut.WaitForAssertion(() => Assert.Null(FieldErrorNear(cut, "capacity-model-limit")));
    }

    [Fact]
    public void MissingLimit_IsSaidAtTheFieldOnSave_WithoutAskingTheStore()
    {
        var cut = OpenDialog();
        cut.Find("[data-testid=capacity-model-name]").Input("Pool");

        cut.Find("[data-testid=capacity-model-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Give the limit as a number above zero.", FieldErrorNear(cut, "capacity-model-limit")));
        Assert.Empty(Capacity.Saves);
    }

    [Fact]
    public async Task StoreFieldErrors_AreShownAtTheirFields_AndEverythingTypedStays()
    {
        Capacity.NextSave = FakeCapacityStore.Invalid(
            ("name", "A model named Pool exists already in team-a."),
            ("usageQuery", "1:5: unexpected character"),
            ("warning", "Warning must be below critical."),
            ("marks[0].fraction", "A mark lies between 0 and 100 %."),
            ("spec", "Something the form has no field for."));
        var cut = OpenDialog();
        cut.Find("[data-testid=capacity-model-name]").Input("Pool");
        // A form the portal's own checks pass, so that what the store says is what shows.
        var usage = cut.FindComponent<Portal.Components.Shared.PromQlEditor>();
        await cut.InvokeAsync(() => usage.Instance.OnEditorChanged("sum(pg_stat_activity_count)"));
        cut.Find("[data-testid=capacity-model-limit]").Input("500");
        cut.Find("[data-testid=capacity-model-add-mark]").Click();
        cut.WaitForElement("[data-testid=capacity-model-mark-name]").Input("autoscale");
        cut.Find("[data-testid=capacity-model-mark-percent]").Input("75");

        cut.Find("[data-testid=capacity-model-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("A model named Pool exists already in team-a.", FieldErrorNear(cut, "capacity-model-name")));
        Assert.Equal("1:5: unexpected character", cut.Find("[data-testid=capacity-model-usage-error]").TextContent.Trim());
        Assert.Equal("Warning must be below critical.", FieldErrorNear(cut, "capacity-model-warning"));
        Assert.Equal("A mark lies between 0 and 100 %.", FieldErrorNear(cut, "capacity-model-mark-name"));
        Assert.Equal("Something the form has no field for.", cut.Find("[data-testid=capacity-model-general]").TextContent.Trim());
        Assert.Equal("Pool", ValueOf(cut, "capacity-model-name"));
        Assert.Equal("500", ValueOf(cut, "capacity-model-limit"));
        Assert.Equal("autoscale", ValueOf(cut, "capacity-model-mark-name"));
        var edit = Assert.Single(Capacity.Saves);
        Assert.Null(edit.Id);
        Assert.Equal("team-a", edit.Team);
        Assert.Equal(500, edit.Spec.Limit.Value);
    }

    [Fact]
    public async Task Edit_StartsFromTheModel_InPercent_AndSavesFractionsWithItsVersion()
    {
        var row = Capacity.Add(CapacityData.Row(CapacityData.Connections(), version: 7));
        var parameters = new DialogParameters<CapacityModelDialog> { { d => d.Model, row } };
        var (cut, dialog) = ShowDialog("Edit", parameters);
        cut.WaitForAssertion(() => Assert.True(dialog.IsCompleted));
        cut.WaitForAssertion(() => Assert.Equal("75", ValueOf(cut, "capacity-model-warning")));
        Assert.Equal("90", ValueOf(cut, "capacity-model-critical"));
        Assert.Equal(["autoscale", "cliff"], cut.FindAll("[data-testid=capacity-model-mark-name]").Select(i => i.GetAttribute("value")));

        cut.Find("[data-testid=capacity-model-warning]").Input("80");
        cut.Find("[data-testid=capacity-model-save]").Click();

        var result = await (await dialog).Result.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(result!.Canceled);
        var edit = Assert.Single(Capacity.Saves);
        Assert.Equal(row.Id, edit.Id);
        Assert.Equal(7u, edit.Version);
        Assert.Equal(0.8, edit.Spec.Warning, 9);
        Assert.Equal(0.9, edit.Spec.Critical, 9);
        Assert.Equal("postgres-connections", edit.Spec.RunbookSlug);
    }

    [Fact]
    public void Conflict_ShowsBothVersions_AndTakingTheirsLoadsThemIntoTheForm()
    {
        var mine = Capacity.Add(CapacityData.Row(CapacityData.Connections(), version: 2));
        var theirs = mine with { Spec = mine.Spec with { Name = "Pool (renamed by carol)" }, Version = 3 };
        var cut = OpenDialog(mine);
        Capacity.Add(theirs);
        Capacity.NextSave = StoreResult<CapacityModelRow>.Conflict(null);
        cut.Find("[data-testid=capacity-model-name]").Input("Pool (mine)");

        cut.Find("[data-testid=capacity-model-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Pool (renamed by carol)", cut.Find("[data-testid=capacity-conflict-fields]").TextContent));
        Assert.Contains("Pool (mine)", cut.Find("[data-testid=capacity-conflict-fields]").TextContent);
        cut.Find("[data-testid=capacity-conflict-take-theirs]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Pool (renamed by carol)", ValueOf(cut, "capacity-model-name")));
        Assert.Single(Capacity.Saves);
    }

    [Fact]
    public void Conflict_KeepingMine_SavesOverTheirVersion()
    {
        var mine = Capacity.Add(CapacityData.Row(CapacityData.Connections(), version: 2));
        var cut = OpenDialog(mine);
        Capacity.Add(mine with { Spec = mine.Spec with { Name = "Theirs" }, Version = 5 });
        Capacity.NextSave = StoreResult<CapacityModelRow>.Conflict(null);
        cut.Find("[data-testid=capacity-model-save]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=capacity-conflict-keep-mine]")));

        cut.Find("[data-testid=capacity-conflict-keep-mine]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, Capacity.Saves.Count));
        Assert.Equal([2u, 5u], Capacity.Saves.Select(s => s.Version));
    }

    [Fact]
    public void Refusal_IsShown_AndTheDialogStays()
    {
        Capacity.NextSave = StoreResult<CapacityModelRow>.Forbidden("Only Editors of team-a may change its capacity models.");
        var cut = OpenDialog(Capacity.Add(CapacityData.Row(CapacityData.Connections())));

        cut.Find("[data-testid=capacity-model-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Only Editors of team-a", cut.Find("[data-testid=capacity-model-refusal]").TextContent));
    }

    [Fact]
    public async Task Delete_AsksFirst_ThenDeletesAndCloses()
    {
        var row = Capacity.Add(CapacityData.Row(CapacityData.Connections()));
        var parameters = new DialogParameters<CapacityModelDialog> { { d => d.Model, row } };
        var (cut, dialog) = ShowDialog("Edit", parameters);
        cut.WaitForAssertion(() => Assert.True(dialog.IsCompleted));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=capacity-model-delete]")));

        cut.Find("[data-testid=capacity-model-delete]").Click();
        Assert.Empty(Capacity.Deletes);
        // The confirmation is drawn by the click's render, which a busy run may finish after Click returns.
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=capacity-model-delete-confirm]")));
        cut.Find("[data-testid=capacity-model-delete-confirm]").Click();

        var result = await (await dialog).Result.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(result!.Canceled);
        Assert.Equal([row.Id], Capacity.Deletes);
    }

    [Fact]
    public void LimitAsAQuery_SendsTheQuery_AndNoNumber()
    {
        var cut = OpenDialog();
        cut.Find("[data-testid=capacity-model-name]").Input("Pool");
        cut.Find("input[data-testid=capacity-model-limit-kind], [data-testid=capacity-model-limit-kind] input").Change(true);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=capacity-model-limit-query]")));
        cut.Find("[data-testid=capacity-model-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Give the query whose value is the limit.", cut.Find("[data-testid=capacity-model-limit-error]").TextContent.Trim()));
        Assert.Empty(Capacity.Saves);
    }
}
