using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Runbooks;
using Portal.Security;

namespace Portal.Features.Runbooks;

/// <summary>
/// Writes a runbook (or a new one from a template): the fields, the Markdown body with its preview beside it, and a
/// draft in the browser on every keystroke (<c>RunbookEditorPage.Draft.cs</c>). Saving and its outcomes are in
/// <c>RunbookEditorPage.Save.cs</c>; every outcome keeps what the user typed unless they chose otherwise.
/// </summary>
public partial class RunbookEditorPage : PortalComponent
{
    private static readonly string[] FieldsShownInPlace = ["title", "slug", "team", "tags", "body", "reviewIntervalDays", "review", "reason"];

    private string? _loadedSlug;
    private bool _loaded;
    private string? _loadError;
    private RunbookDetail? _detail;
    private IReadOnlyList<string> _teamChoices = [];
    private IReadOnlyList<RunbookTemplate> _templates = [];
    private string? _template;

    private string _title = "";
    private string _slug = "";
    private bool _slugEdited;

    /// <summary>The slug a title suggests until the user types their own; nothing for a blank title.</summary>
    internal static string Suggested(string? title) => string.IsNullOrWhiteSpace(title) ? "" : Domain.Runbooks.RunbookSlug.Suggest(title);
    private string? _team;
    private List<string> _tags = [];
    private string? _tagInput;
    private int? _review;
    private string? _reason;

    /// <summary>The body as .NET last heard of it from the browser (or put into the box itself).</summary>
    private string _body = "";

    /// <summary>What the box was last filled with by .NET; changing it goes with a new <see cref="_bodyKey"/>, so the box is replaced.</summary>
    private string _bodyShown = "";

    private int _bodyKey;
    private RenderedRunbook _preview = RunbookMarkdown.Render("");
    private int? _tooLarge;

    private Baseline _baseline = new("", "", null, "", null, "");
    private IReadOnlyList<FieldError> _errors = [];
    private string? _refusal;

    [Inject]
    public required IRunbookStore Store { get; init; }

    [Inject]
    public required ITeams Teams { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    /// <summary>The runbook to edit; null on <c>/runbooks/new</c>.</summary>
    [Parameter]
    public string? Slug { get; set; }

    private sealed record Baseline(string Title, string Slug, string? Team, string Tags, int? Review, string Body);

    private bool IsDirty => _loaded && Current() != _baseline;

    private string PageTitle => _detail is { } d ? $"Edit {d.Title}" : "New runbook";

    private string? Summary => _detail is { } d
        ? $"Revision {d.Revision}, saved by {d.UpdatedBy} {Rules.RuleDisplay.Ago(d.UpdatedAt)}"
        : "Markdown with a live preview; a draft stays in this browser until you save.";

    private string BackLink => _detail is { } d ? PortalRoutes.RunbookFor(d.Slug) : PortalRoutes.Runbooks;

    /// <summary>Why the user may not change this runbook (the access policy's words); null when they may. Only hides buttons: the store decides.</summary>
    private string? ReadOnlyReason => _detail is { } d ? User.Refusal(PortalAction.EditRunbooks, d.Team)
        : _teamChoices.Count == 0 ? User.Refusal(PortalAction.EditRunbooks) ?? "You are not a member of any team, so there is no team a runbook of yours could belong to."
        : null;

    private string? TooLargeText => _tooLarge is { } bytes
        ? $"The body is {bytes / 1024:N0} KB; a runbook may hold at most {RunbookDisplay.MaxBodyBytes / 1024:N0} KB. Shorten it to save (your text stays here)."
        : null;

    private IEnumerable<FieldError> OtherErrors => _errors.Where(e => !FieldsShownInPlace.Any(f => Matches(e.Field, f)));

    private static bool Matches(string field, string name) =>
        string.Equals(field, name, StringComparison.OrdinalIgnoreCase) || field.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase)
        || field.StartsWith(name + "[", StringComparison.OrdinalIgnoreCase);

    /// <summary>The store's messages for a field, shown at the field.</summary>
    private string? ErrorFor(params string[] names)
    {
        var messages = _errors.Where(e => names.Any(n => Matches(e.Field, n))).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private Baseline Current() => new(_title, _slug, _team, string.Join('\n', _tags), _review, _body);

    protected override async Task OnParametersSetAsync()
    {
        if (Slug == _loadedSlug && _loaded)
        {
            return;
        }

        _loadedSlug = Slug;
        _loaded = false;
        _loadError = null;
        await RunAsync(async ct =>
        {
            _teamChoices = await RunbookDisplay.WritableTeamsAsync(User.Caller, Teams, ct);
            if (Slug is { } slug)
            {
                var lookup = await Store.FindAsync(slug, ct);
                if (lookup.Runbook is null && lookup.RedirectTo is { } moved)
                {
                    Navigation.NavigateTo(PortalRoutes.RunbookEditFor(moved), replace: true);
                    return;
                }

                if (lookup.Runbook is not { } runbook)
                {
                    _loadError = $"There is no runbook at /runbooks/{slug} to edit.";
                    return;
                }

                if (!_teamChoices.Contains(runbook.Team))
                {
                    _teamChoices = [runbook.Team, .. _teamChoices];
                }

                Show(runbook);
            }
            else
            {
                _detail = null;
                _templates = await Store.TemplatesAsync(ct);
                // The store lists its default template first.
                var first = _templates.FirstOrDefault();
                _template = first?.Name;
                _team = _teamChoices.Count == 1 ? _teamChoices[0] : null;
                ReplaceBody(first?.Body ?? "");
                _baseline = Current();
            }

            _loaded = true;
        }, "The runbook could not be loaded", show: sentence => _loadError = sentence);
    }

    /// <summary>Puts a stored runbook into the form, as the new baseline of "unsaved changes".</summary>
    private void Show(RunbookDetail runbook)
    {
        _detail = runbook;
        _title = runbook.Title;
        _slug = runbook.Slug;
        _slugEdited = true;
        _team = runbook.Team;
        _tags = runbook.Tags.ToList();
        _review = runbook.ReviewIntervalDays;
        _errors = [];
        _refusal = null;
        ReplaceBody(runbook.Body);
        _baseline = Current();
    }

    /// <summary>Fills the body box from .NET (load, template, restore, their version): a new box, so the browser takes the text.</summary>
    private void ReplaceBody(string body)
    {
        _body = body;
        _bodyShown = body;
        _bodyKey++;
        _tooLarge = null;
        _preview = RunbookMarkdown.Render(body);
    }

    private async Task OnTitleChanged(string? title)
    {
        _title = title ?? "";
        if (!_slugEdited)
        {
            _slug = Suggested(_title);
        }

        await SaveFieldsAsync();
    }

    private async Task OnSlugChanged(string? slug)
    {
        _slug = slug?.Trim() ?? "";
        // An emptied slug goes back to following the title.
        _slugEdited = _slug.Length > 0;
        if (!_slugEdited && _detail is null)
        {
            _slug = Suggested(_title);
        }

        await SaveFieldsAsync();
    }

    private async Task OnTeamChanged(string? team)
    {
        _team = team;
        await SaveFieldsAsync();
    }

    private async Task OnReviewChanged(int? days)
    {
        _review = days;
        await SaveFieldsAsync();
    }

    private async Task OnReasonChanged(string? reason)
    {
        _reason = reason;
        await SaveFieldsAsync();
    }

    private async Task OnTagKeyDown(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or ",")
        {
            await AddTag();
        }
    }

    private async Task AddTag()
    {
        var tag = _tagInput?.Trim().TrimEnd(',').Trim();
        _tagInput = null;
        if (!string.IsNullOrEmpty(tag) && !_tags.Contains(tag, StringComparer.Ordinal))
        {
            _tags.Add(tag);
            await SaveFieldsAsync();
        }
    }

    private async Task RemoveTag(string tag)
    {
        _tags.Remove(tag);
        await SaveFieldsAsync();
    }

    private async Task OnTemplateChangedAsync(string? name)
    {
        if (_templates.FirstOrDefault(t => t.Name == name) is not { } template)
        {
            return;
        }

        var previous = _templates.FirstOrDefault(t => t.Name == _template)?.Body ?? "";
        if (_body.Length > 0 && _body != previous)
        {
            var replace = await Dialogs.ShowMessageBoxAsync("Start over from the template?",
                $"The body you wrote is replaced by the template {template.Name}.", yesText: "Replace the body", cancelText: "Keep my body");
            if (replace != true)
            {
                return;
            }
        }

        _template = template.Name;
        ReplaceBody(template.Body);
    }
}
