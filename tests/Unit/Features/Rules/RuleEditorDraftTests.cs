using Bunit;
using Portal.Domain.Lint;
using Portal.Features.Rules;

namespace Portal.Tests.Unit.Features.Rules;

public class RuleEditorDraftTests : RulesTestContext
{
    private BunitJSModuleInterop Drafts { get; }

    public RuleEditorDraftTests() =>
        Drafts = JSInterop.SetupModule(call => call.Arguments.Count > 0 && call.Arguments[0] is string path && path.Contains("runbook-editor", StringComparison.Ordinal));

    private void StoredDraft(RuleForm form, DateTimeOffset at) =>
        Drafts.Setup<RuleEditorPage.StoredDraft?>("draftInfo", _ => true)
            .SetResult(new RuleEditorPage.StoredDraft(at.ToUnixTimeMilliseconds(), new() { ["form"] = RuleEditorPage.WriteDraft(form) }));

    [Fact]
    public void ADraftNewerThanTheRule_IsOffered_AndRestoredAsUnsavedChanges()
    {
        var id = SeedUpAlert();
        var draft = RuleForm.From(FakeRuleStore.Alert("ApiErrorsTyped", "up == 0 or absent(up)"));
        StoredDraft(draft, DateTimeOffset.UtcNow.AddMinutes(5));

        var cut = OpenRuleEditor(id);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=editor-draft]")));
        cut.Find("[data-testid=editor-draft-restore]").Click();

        cut.WaitForAssertion(() => Assert.Equal("ApiErrorsTyped", cut.Find("[data-testid=editor-name]").GetAttribute("value")));
        Assert.Contains("unsaved changes", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=editor-draft]"));
    }

    [Fact]
    public void ADraftOlderThanTheRule_OrEqualToIt_IsNotOffered()
    {
        var id = SeedUpAlert();
        StoredDraft(RuleForm.From(FakeRuleStore.Alert("Stale", "up == 0")), FakeRuleStore.Now.AddMinutes(-5));

        var cut = OpenRuleEditor(id);

        cut.WaitForAssertion(() => Assert.NotEmpty(Drafts.Invocations["draftInfo"]));
        Assert.Empty(cut.FindAll("[data-testid=editor-draft]"));
    }

    [Fact]
    public void TypingKeepsTheFormInTheBrowser()
    {
        var id = SeedUpAlert();
        Drafts.Setup<RuleEditorPage.StoredDraft?>("draftInfo", _ => true).SetResult(null);
        var cut = OpenRuleEditor(id);
        cut.WaitForAssertion(() => Assert.NotEmpty(Drafts.Invocations["draftInfo"]));

        cut.Find("[data-testid=editor-name]").Input("ApiErrorsRenamed");

        cut.WaitForAssertion(() => Assert.NotEmpty(Drafts.Invocations["saveFields"]));
        var fields = Assert.IsType<Dictionary<string, string>>(Drafts.Invocations["saveFields"][^1].Arguments[1]);
        Assert.Equal("ApiErrorsRenamed", RuleEditorPage.ReadDraft(fields["form"])!.Name);
        Assert.Equal($"rule-{id:D}", Drafts.Invocations["saveFields"][^1].Arguments[0]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"kind\":99,\"name\":\"x\",\"expression\":\"up\",\"for\":\"\",\"keepFiringFor\":\"\",\"labels\":[],\"annotations\":[]}")]
    [InlineData("{\"name\":null}")]
    public void WhatIsNotADraft_IsNone(string? json) => Assert.Null(RuleEditorPage.ReadDraft(json));

    [Fact]
    public void AnOversizedOrDeepDraft_IsNoneAndCostsLittle()
    {
        Assert.Null(RuleEditorPage.ReadDraft("{\"name\":\"" + new string('x', RuleEditorPage.MaxDraftLength) + "\"}"));
        Assert.Null(RuleEditorPage.ReadDraft(new string('[', 10_000)));
    }

    [Fact]
    public void ADraftReadsBackAsTheFormWritten()
    {
        var form = RuleForm.From(FakeRuleStore.Alert("A", "rate(x[5m]) > 1"));
        form.For = "5x"; // not a duration yet: a draft keeps what was typed

        var back = RuleEditorPage.ReadDraft(RuleEditorPage.WriteDraft(form))!;

        Assert.True(back.SameAs(form));
        Assert.Equal(RuleKind.Alerting, back.Kind);
    }
}
