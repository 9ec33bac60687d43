using Portal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Components;
using Portal.Components.Shared;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>
/// Import in two steps: a plan from <see cref="IRuleStore.PlanImportAsync"/> for the text and namespace
/// as they are, then <see cref="IRuleStore.ImportAsync"/> of the same request. Closes with the target
/// namespace after an import; the pasted text stays whatever fails.
/// </summary>
public partial class ImportDialog : PortalComponent
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>
    /// Most characters the text box takes: everything typed there travels to the server in one SignalR
    /// message, up to twelve bytes a character (see <see cref="Portal.Security.BlazorHub"/>). Larger files are
    /// uploaded and never put into the text box.
    /// </summary>
    public const int PasteLimit = 256 * 1024;

    private static readonly ImportAction[] Actions = [ImportAction.Create, ImportAction.Update, ImportAction.Unchanged, ImportAction.Refuse, ImportAction.Note];

    private string? _namespace;
    private string _text = "";
    private string? _fileName;
    private ImportPlan? _plan;

    [CascadingParameter]
    public IMudDialogInstance? MudDialog { get; set; }

    /// <summary>The namespace to suggest, e.g. the one the rules list is filtered by.</summary>
    [Parameter]
    public string? Namespace { get; set; }

    /// <summary>Text to start from, e.g. a rule file edited by hand on a Prometheus (the Publish page's drift panel).</summary>
    [Parameter]
    public string? Text { get; set; }

    /// <summary>Where <see cref="Text"/> came from, shown as the uploaded file's name is.</summary>
    [Parameter]
    public string? FileName { get; set; }

    /// <summary>The team a new namespace is made for, chosen in advance (the starter pack's own team).</summary>
    [Parameter]
    public string? Team { get; set; }

    /// <summary>Shows the plan of <see cref="Text"/> into <see cref="Namespace"/> at once, as the starter pack does.</summary>
    [Parameter]
    public bool PreviewOnOpen { get; set; }

    [Inject]
    public required IRuleStore Store { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required Infrastructure.Identity.ITeams Teams { get; init; }

    /// <summary>Existing namespaces and their owning teams (loaded once); a name not in here makes a new namespace.</summary>
    private Dictionary<string, string> _owners = [];

    private HashSet<string> _archived = [];

    /// <summary>Teams a new namespace may be made for: all of them for an Admin, the user's own for an Editor.</summary>
    private IReadOnlyList<string> _teamChoices = [];

    private string? _team;

    private bool IsNewNamespace => !string.IsNullOrWhiteSpace(_namespace) && !_owners.ContainsKey(_namespace.Trim());

    private bool TooLongToEdit => _fileName is not null && _text.Length > PasteLimit;

    private bool CanPreview => !string.IsNullOrWhiteSpace(_text) && !string.IsNullOrWhiteSpace(_namespace);

    private int ToWrite => _plan is { Refused: false } plan ? plan.Count(ImportAction.Create) + plan.Count(ImportAction.Update) : 0;

    protected override async Task OnInitializedAsync()
    {
        _namespace = Namespace;
        _text = Text ?? "";
        _fileName = Text is null ? null : FileName;
        // Without the choices the import still says what is wrong; the user is told why the lists are empty.
        await RunAsync(async ct =>
        {
            var namespaces = await Store.NamespacesAsync(ct);
            _owners = namespaces.ToDictionary(n => n.Name, n => n.Team);
            _archived = namespaces.Where(n => n.Archived).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            var caller = User.Caller;
            _teamChoices = caller.IsAdmin
                ? (await Teams.ListAsync(ct)).Select(t => t.Name).ToList()
                : caller.Teams.Order(StringComparer.Ordinal).ToList();
            _team = Team ?? (_teamChoices.Count == 1 ? _teamChoices[0] : null);
        }, "The namespaces and teams could not be loaded");

        if (PreviewOnOpen)
        {
            await PreviewAsync();
        }
    }

    /// <summary>The namespaces loaded with the dialog that the user may import into: other teams' are read-only for them.</summary>
    private Task<IEnumerable<string>> SearchNamespacesAsync(string? text, CancellationToken ct)
    {
        // Archived namespaces are read-only for everyone.
        var names = _owners.Where(n => !_archived.Contains(n.Key) && User.Refusal(Domain.Access.PortalAction.EditRules, n.Value) is null)
            .Select(n => n.Key).Order(StringComparer.Ordinal);
        return Task.FromResult(string.IsNullOrWhiteSpace(text) ? names : names.Where(n => n.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));
    }

    // A plan answers one request: any change to it makes the plan stale.
    private void OnNamespaceChanged(string? value)
    {
        _namespace = value?.Trim();
        _plan = null;
    }

    private void OnTextChanged(string? value)
    {
        _text = value ?? "";
        _plan = null;
    }

    private void ClearFile()
    {
        _text = "";
        _fileName = null;
        _plan = null;
    }

    private async Task OnFileChosenAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        Error = UploadedText.TooLarge(file, MaxFileBytes);
        if (Error is not null)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            _text = await UploadedText.ReadAsync(file, MaxFileBytes, ct);
            _fileName = file.Name;
            _plan = null;
        }, $"\"{file.Name}\" could not be read", alsoExpected: UploadedText.Expected);
    }

    private async Task PreviewAsync()
    {
        if (Busy || !CanPreview)
        {
            return;
        }

        await RunAsync(async ct => _plan = await Store.PlanImportAsync(Request(), User.Caller, ct), "The preview failed");
    }

    private async Task ImportAsync()
    {
        if (Busy || ToWrite == 0)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            var result = await Store.ImportAsync(Request(), User.Caller, ct);
            if (result.Succeeded)
            {
                var plan = result.Value ?? _plan!;
                Snackbar.Add($"Imported into {_namespace}: {plan.Count(ImportAction.Create)} created, {plan.Count(ImportAction.Update)} updated, " +
                             $"{plan.Count(ImportAction.Unchanged)} unchanged.", Severity.Success);
                MudDialog?.Close(DialogResult.Ok(_namespace!));
                return;
            }

            if (result.Value is { } refused)
            {
                _plan = refused;
            }

            Error = "Nothing was imported: " + (result.Value?.RefusedReason ?? string.Join("; ", result.Errors.Select(e => e.Message)));
        }, "Nothing was imported");
    }

    private ImportRequest Request() => new(_text, _namespace!.Trim(), _fileName, IsNewNamespace ? _team : null);

    private void OnTeamChanged(string? team)
    {
        _team = team;
        _plan = null;
    }

    private void Cancel() => MudDialog?.Cancel();

    internal static string Name(ImportAction action) => action switch
    {
        ImportAction.Create => "create",
        ImportAction.Update => "update",
        ImportAction.Unchanged => "unchanged",
        ImportAction.Refuse => "refused",
        _ => "note",
    };

    private static string Label(ImportAction action) => action switch
    {
        ImportAction.Create => "to create",
        ImportAction.Update => "to update",
        ImportAction.Unchanged => "unchanged",
        ImportAction.Refuse => "refused",
        _ => "notes",
    };

    internal static Color ColorOf(ImportAction action) => action switch
    {
        ImportAction.Create => Color.Success,
        ImportAction.Update => Color.Info,
        ImportAction.Refuse => Color.Error,
        ImportAction.Note => Color.Secondary,
        _ => Color.Default,
    };

}
