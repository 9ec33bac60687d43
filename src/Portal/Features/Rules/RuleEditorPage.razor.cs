using Portal.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>
/// Edits one rule (or a new one) with live lint, the threshold as a number, and the YAML exactly as it
/// will be published. Saving goes through <see cref="IRuleStore.SaveAsync"/> with the row version the
/// form started from; see <c>RuleEditorPage.Save.cs</c> for the outcomes.
/// </summary>
public partial class RuleEditorPage : PortalComponent
{
    private static readonly HashSet<string> FieldsShownInPlace = ["name", "expr", "for", "keep_firing_for", "group"];

    private string? _loadedKey;
    private bool _loaded;
    private string? _loadError;
    private RuleDetail? _detail;
    private TrashedRule? _deleted;
    private RuleForm _form = RuleForm.NewAlert();
    private RuleForm _baseline = RuleForm.NewAlert();
    private RuleContent _content = RuleForm.NewAlert().Build().Content;
    private IReadOnlyList<FieldError> _errors = [];
    private IReadOnlyList<FieldError> _serverErrors = [];
    private PromQlFeedback _feedback = PromQlFeedback.For("");
    private IReadOnlyList<LintFinding> _findings = [];
    private string? _yaml;
    private string? _publishedRunbookUrl;
    private GroupContext? _group;
    private Guid? _groupId;
    private string? _namespace;
    private IReadOnlyList<GroupChoice> _groupChoices = [];
    private GroupChoice? _chosenGroup;
    private string? _reason;
    private int _tab;

    [Inject]
    public required IRuleStore Store { get; init; }

    [Inject]
    public required Microsoft.Extensions.Options.IOptions<Portal.Infrastructure.Runbooks.PortalUrlOptions> PortalUrl { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required ICatalogLifecycle Lifecycle { get; init; }

    /// <summary>The rule to edit; null on <c>/rules/new</c>.</summary>
    [Parameter]
    public Guid? Id { get; set; }

    /// <summary>The group a new rule goes into (<c>/rules/new?group=</c>); without it the editor asks.</summary>
    [SupplyParameterFromQuery(Name = "group")]
    public Guid? GroupId { get; set; }

    private bool IsNew => _detail is null;

    private bool IsDirty => _loaded && !_form.SameAs(_baseline);

    private string Title => _deleted is { } deleted ? deleted.Name : IsNew ? "New rule" : _detail!.Content.Name;

    private string? Summary => _detail is { } d
        ? $"{(d.Content.Kind == RuleKind.Alerting ? "Alerting" : "Recording")} rule · version {d.VersionNumber}, saved by {d.UpdatedBy} {RuleDisplay.Ago(d.UpdatedAt)}"
        : _loaded ? "Lint and the published YAML follow as you type." : null;

    /// <summary>Why the user may only read this rule (the access policy's words), or null when they may change it.</summary>
    private string? ReadOnlyReason => IsNew ? null
        : _detail!.Archived ? $"Namespace {_detail.Namespace} is archived: unarchive it to change its rules."
        : User.Refusal(Domain.Access.PortalAction.EditRules, _detail.Team);

    private string BackLink => _namespace is null ? PortalRoutes.Rules : PortalRoutes.RulesIn(_namespace);

    // Problems of untouched fields stay hidden on a new rule until the user edits or saves.
    private IEnumerable<FieldError> VisibleErrors => IsDirty || _serverErrors.Count > 0 || !IsNew ? _serverErrors.Concat(_errors) : _serverErrors;

    private IEnumerable<FieldError> OtherErrors => _serverErrors.Where(e =>
        !FieldsShownInPlace.Contains(e.Field) && !e.Field.StartsWith("labels.", StringComparison.Ordinal)
        && !e.Field.StartsWith("annotations.", StringComparison.Ordinal));

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Id}|{GroupId}";
        if (key == _loadedKey)
        {
            return;
        }

        _loadedKey = key;
        // Creating a rule moves the page to the rule's address; it already shows that rule.
        if (Id is { } id && _detail?.Id == id)
        {
            return;
        }

        _loaded = false;
        _loadError = null;
        _deleted = null;
        await RunAsync(async ct =>
        {
            if (Id is { } ruleId)
            {
                var detail = await Store.GetAsync(ruleId, ct);
                if (detail is null)
                {
                    // A deleted rule's address says who deleted it and offers to restore it, not an empty editor.
                    _deleted = await Lifecycle.DeletedRuleAsync(ruleId, ct);
                    _loadError = _deleted is null ? "There is no rule at this address." : null;
                    return;
                }

                await ShowAsync(detail);
            }
            else
            {
                _detail = null;
                _form = RuleForm.NewAlert();
                _baseline = _form.Copy();
                await LoadGroupChoicesAsync(ct);
            }

            _loaded = true;
            Recompute();
        }, "The rule could not be loaded", show: sentence => _loadError = sentence);
    }

    /// <summary>Puts a stored rule into the form, as the new baseline of "unsaved changes".</summary>
    private async Task ShowAsync(RuleDetail detail)
    {
        var groupChanged = _detail?.GroupId != detail.GroupId || _group is null;
        _detail = detail;
        _form = RuleForm.From(detail.Content);
        _baseline = _form.Copy();
        _serverErrors = [];
        // Saved, or replaced by theirs: what the browser kept is no longer unsaved.
        KeepDraft();
        _namespace = detail.Namespace;
        _groupId = detail.GroupId;
        if (groupChanged)
        {
            _group = new GroupContext(detail.Group);
            try
            {
                var ns = await Store.NamespaceAsync(detail.Namespace, Leaving);
                if (ns?.Groups.FirstOrDefault(g => g.Group.Id == detail.GroupId)?.Group is { } group)
                {
                    _group = new GroupContext(group.Name, group.Interval, group.Limit);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && ExpectedFailure.Is(e))
            {
                // The preview then lacks the group's interval and limit; everything else works.
            }
        }

        Recompute();
    }

    private async Task LoadGroupChoicesAsync(CancellationToken ct)
    {
        // One query for all groups (hundreds at scale); only those the user may add rules to are offered:
        // other teams' namespaces are read-only for them.
        var all = await Store.GroupChoicesAsync(ct);
        _groupChoices = all.Where(c => User.Refusal(Domain.Access.PortalAction.EditRules, c.Team) is null).ToList();
        var chosen = GroupId is { } wanted ? _groupChoices.FirstOrDefault(c => c.Id == wanted) : _groupChoices.Count == 1 ? _groupChoices[0] : null;
        if (GroupId is not null && chosen is null)
        {
            _loadError = "The group to add the rule to does not exist.";
            return;
        }

        if (chosen is not null)
        {
            OnGroupChosen(chosen);
        }
    }

    /// <summary>The picker shows the first <see cref="GroupPickerSize"/> matches; typing narrows them down.</summary>
    internal const int GroupPickerSize = 50;

    private Task<IEnumerable<GroupChoice>> SearchGroupsAsync(string? text, CancellationToken ct) =>
        Task.FromResult(GroupSearch.Filter(_groupChoices, text));

    private async Task OnRestoredAsync(RuleDetail restored)
    {
        _deleted = null;
        await ShowAsync(restored);
        _loaded = true;
    }
}
