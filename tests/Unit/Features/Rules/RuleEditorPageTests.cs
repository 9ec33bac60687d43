using Bunit;
using Portal.Components.Shared;
using Portal.Domain.Catalog;
using Portal.Domain.RuleFiles;
using Portal.Features.Rules;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

public class RuleEditorPageTests : RulesTestContext
{
    private const string ErrorRatio = "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.05";

    private Guid SeedAlert(string expr = ErrorRatio)
    {
        var group = Store.AddGroup("payments", "api");
        return Store.AddRule(group, FakeRuleStore.Alert("ApiErrors", expr));
    }

    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> OpenEditor(Guid id)
    {
        Navigation.NavigateTo($"/rules/{id}");
        var cut = RenderPage<RuleEditorPage>((nameof(RuleEditorPage.Id), (Guid?)id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=editor-yaml]")));
        return cut;
    }

    private static Task TypeExpressionAsync(Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string expression)
    {
        var editor = cut.FindComponent<PromQlEditor>();
        return cut.InvokeAsync(() => editor.Instance.OnEditorChanged(expression));
    }

    [Fact]
    public void Editor_ShowsTheStoredRule_AndItsYamlAsPublished()
    {
        var id = SeedAlert();

        var cut = OpenEditor(id);

        Assert.Equal("ApiErrors", cut.Find("h1").TextContent.Trim());
        var yaml = cut.Find("[data-testid=editor-yaml]").TextContent;
        Assert.StartsWith("groups:\n  - name: api\n    rules:\n      - alert: ApiErrors\n", yaml, StringComparison.Ordinal);
        Assert.Contains("for: 5m", yaml);
        Assert.Contains("Lint finds nothing to improve", cut.Find("[data-testid=editor-findings]").TextContent);
    }

    [Fact]
    public void ALinkedRuleWithoutItsOwnUrl_PreviewsTheRunbookUrlPublishingAdds()
    {
        var group = Store.AddGroup("payments", "api");
        var linked = Store.AddRule(group, FakeRuleStore.Alert("ApiErrors", ErrorRatio) with { Annotations = LabelMap.Of(("summary", "errors")) });
        Store.LinkRunbook(linked, "api-errors");

        var cut = OpenEditor(linked);

        Assert.Contains($"runbook_url: {PublicUrl}/runbooks/api-errors", cut.Find("[data-testid=editor-yaml]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=editor-yaml-runbook-url]"));
    }

    [Fact]
    public void ALinkedRuleWithItsOwnUrl_KeepsIt_InThePreview()
    {
        var id = SeedAlert();
        Store.LinkRunbook(id, "api-errors");

        var cut = OpenEditor(id);

        var yaml = cut.Find("[data-testid=editor-yaml]").TextContent;
        Assert.Contains("runbook_url: /runbooks/apierrors", yaml);
        Assert.DoesNotContain("/runbooks/api-errors", yaml);
        Assert.Empty(cut.FindAll("[data-testid=editor-yaml-runbook-url]"));
    }

    [Fact]
    public async Task Editor_ShowsALintFinding_ForABadExpression_AsYouType()
    {
        var cut = OpenEditor(SeedAlert());

        await TypeExpressionAsync(cut, "rate(process_resident_memory_bytes[1h]) > 10485760");

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=editor-finding]"), f => f.TextContent.Contains("rate-of-non-counter")));
        Assert.Contains(cut.FindComponent<PromQlEditor>().Instance.Diagnostics!, d => d.Message.Contains("rate-of-non-counter"));
        Assert.Contains("unsaved changes", cut.Markup);
    }

    [Fact]
    public async Task Editor_ShowsAParseError_WithLineAndColumn()
    {
        var cut = OpenEditor(SeedAlert());

        await TypeExpressionAsync(cut, "sum(rate(http_requests_total[5m]) by (job)");

        // People read "line 1, column 43", not "1:43".
        cut.WaitForAssertion(() => Assert.Matches(@"^line 1, column \d+: ", cut.Find("[data-testid=editor-expr-error]").TextContent.Trim()));
        Assert.Contains(cut.FindAll("[data-testid=editor-finding]"), f => f.TextContent.Contains("promql-syntax"));
        Assert.Contains(cut.FindAll("[data-testid=finding-position]"), p => System.Text.RegularExpressions.Regex.IsMatch(p.TextContent, @"\(line 1, column \d+\)"));
    }

    [Fact]
    public void Editor_ThresholdField_RewritesTheExpression_AndTheYamlPreview()
    {
        var cut = OpenEditor(SeedAlert());
        Assert.Equal(">", cut.Find("[data-testid=editor-threshold-operator]").GetAttribute("value"));

        cut.Find("[data-testid=editor-threshold-value]").Change("0.1");

        cut.WaitForAssertion(() => Assert.Contains("[5m])) > 0.1", cut.Find("[data-testid=editor-yaml]").TextContent));
        Assert.Equal(ErrorRatio.Replace("> 0.05", "> 0.1"), cut.FindComponent<PromQlEditor>().Instance.Value);
    }

    [Fact]
    public void Editor_BadDuration_IsReportedAtTheField()
    {
        var cut = OpenEditor(SeedAlert());

        cut.Find("[data-testid=editor-for]").Input("5 minutes");

        cut.WaitForAssertion(() => Assert.Contains("not a valid duration", cut.Find("[data-testid=editor-for]").ParentElement!.ParentElement!.ParentElement!.TextContent));
    }

    [Fact]
    public void Editor_BrokenTemplate_IsReportedUnderItsAnnotation_AsYouType()
    {
        var cut = OpenEditor(SeedAlert());

        cut.FindAll("[data-testid=editor-annotations-value]")[0].Input("{{ $labels.instance ");

        cut.WaitForAssertion(() => Assert.Contains("template:", cut.Find("[data-testid=editor-annotations]").TextContent));
        Assert.Contains(cut.FindAll("[data-testid=editor-finding]"), f => f.TextContent.Contains("template-error"));
    }

    [Fact]
    public void LeavingWithUnsavedChanges_AsksFirst_AndStaysWhenTold()
    {
        var cut = OpenEditor(SeedAlert());
        var here = Navigation.Uri;
        cut.Find("[data-testid=editor-name]").Input("ApiErrorsRenamed");
        cut.WaitForAssertion(() => Assert.Contains("unsaved changes", cut.Markup));

        cut.InvokeAsync(() => Navigation.NavigateTo("/rules"));

        cut.WaitForAssertion(() => Assert.Contains("Leave without saving?", cut.Markup));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Stay").Click();
        cut.WaitForAssertion(() => Assert.DoesNotContain("Leave without saving?", cut.Markup));
        Assert.Equal(here, Navigation.Uri);
        Assert.Equal("ApiErrorsRenamed", cut.Find("[data-testid=editor-name]").GetAttribute("value"));
    }

    [Fact]
    public async Task Save_ChangedThreshold_SendsTheEditWithReasonAndVersion_AndReportsTheNewVersion()
    {
        var id = SeedAlert();
        var cut = OpenEditor(id);
        var version = (await Store.GetAsync(id, default))!.Version;

        cut.Find("[data-testid=editor-threshold-value]").Change("0.1");
        cut.Find("[data-testid=editor-reason]").Change("too noisy at 5%");
        cut.Find("[data-testid=editor-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved version 2", cut.Markup));
        var edit = Assert.Single(Store.Saves);
        Assert.Equal((id, version, "too noisy at 5%", 0.1), (edit.Id!.Value, edit.Version, edit.Reason, edit.Content.Threshold!.Threshold));
        Assert.DoesNotContain("unsaved changes", cut.Markup);
    }

    [Fact]
    public void Save_WithoutChanges_SaysNothingChanged()
    {
        var cut = OpenEditor(SeedAlert());

        cut.Find("[data-testid=editor-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Nothing changed", cut.Markup));
    }

    [Fact]
    public void Save_Invalid_ShowsTheStoresErrorsAtTheirFields_AndKeepsWhatWasTyped()
    {
        var cut = OpenEditor(SeedAlert());
        Store.NextSave = _ => StoreResult<RuleDetail>.Invalid(
        [
            new FieldError("name", "A rule named ApiLatency already exists in group api."),
            new FieldError("annotations.summary", "template: unknown function \"humanise\""),
        ]);

        cut.Find("[data-testid=editor-name]").Input("ApiLatency");
        cut.WaitForAssertion(() => Assert.Contains("unsaved changes", cut.Markup));
        cut.Find("[data-testid=editor-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("already exists in group api", cut.Markup));
        Assert.Contains("unknown function \"humanise\"", cut.Find("[data-testid=editor-annotations]").TextContent);
        Assert.Equal("ApiLatency", cut.Find("[data-testid=editor-name]").GetAttribute("value"));
        Assert.Contains("unsaved changes", cut.Markup);
    }

    [Fact]
    public void Save_AfterSomeoneElseSaved_OpensTheConflictDialog_WithBothVersions()
    {
        var id = SeedAlert();
        var cut = OpenEditor(id);
        Store.ChangeBehindTheScenes(id, c => c.WithThreshold(0.2), actor: "bob");

        cut.Find("[data-testid=editor-threshold-value]").Change("0.1");
        cut.Find("[data-testid=editor-save]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=conflict-theirs]")));
        Assert.Contains("bob saved version 2", cut.Markup);
        Assert.Contains("> 0.2", cut.Find("[data-testid=conflict-theirs] .diff-view__line--removed").TextContent);
        Assert.Contains("> 0.1", cut.Find("[data-testid=conflict-mine] .diff-view__line--added").TextContent);
    }

    [Fact]
    public async Task Conflict_KeepMine_SavesOverTheirVersion()
    {
        var id = SeedAlert();
        var cut = OpenEditor(id);
        var theirs = Store.ChangeBehindTheScenes(id, c => c.WithThreshold(0.2), actor: "bob");
        cut.Find("[data-testid=editor-threshold-value]").Change("0.1");
        cut.Find("[data-testid=editor-save]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=conflict-keep-mine]")));

        cut.Find("[data-testid=conflict-keep-mine]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved version 3", cut.Markup));
        Assert.Equal(theirs.Version, Store.Saves[^1].Version);
        Assert.Equal(0.1, (await Store.GetAsync(id, default))!.Content.Threshold!.Threshold);
    }

    [Fact]
    public void Conflict_TakeTheirs_LoadsTheirVersionIntoTheForm()
    {
        var id = SeedAlert();
        var cut = OpenEditor(id);
        Store.ChangeBehindTheScenes(id, c => c.WithThreshold(0.2), actor: "bob");
        cut.Find("[data-testid=editor-threshold-value]").Change("0.1");
        cut.Find("[data-testid=editor-save]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=conflict-take-theirs]")));

        cut.Find("[data-testid=conflict-take-theirs]").Click();

        cut.WaitForAssertion(() => Assert.Contains("> 0.2", cut.Find("[data-testid=editor-yaml]").TextContent));
        Assert.Equal(ErrorRatio.Replace("> 0.05", "> 0.2"), cut.FindComponent<PromQlEditor>().Instance.Value);
        Assert.Single(Store.Saves);
        Assert.DoesNotContain("unsaved changes", cut.Markup);
    }

    [Fact]
    public void NewRule_InAGroup_IsCreated_AndThePageMovesToItsAddress()
    {
        var group = Store.AddGroup("payments", "api");
        Navigation.NavigateTo($"/rules/new?group={group}");
        var cut = RenderPage<RuleEditorPage>();
        cut.WaitForAssertion(() => Assert.Equal("New rule", cut.Find("h1").TextContent.Trim()));

        cut.Find("[data-testid=editor-name]").Input("QueueStuck");
        cut.WaitForAssertion(() => Assert.Contains("unsaved changes", cut.Markup));
        cut.InvokeAsync(() => cut.FindComponent<PromQlEditor>().Instance.OnEditorChanged("max(queue_oldest_message_age_seconds) > 600"));
        cut.WaitForAssertion(() => Assert.Contains("alert: QueueStuck", cut.Find("[data-testid=editor-yaml]").TextContent));
        cut.Find("[data-testid=editor-save]").Click();

        cut.WaitForAssertion(() => Assert.Matches("/rules/[0-9a-f-]{36}$", Navigation.Uri));
        var edit = Assert.Single(Store.Saves);
        Assert.Equal((null, group, 0u), (edit.Id, edit.GroupId, edit.Version));
    }
}
