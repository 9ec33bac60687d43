using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Access;
using Portal.Domain.Catalog;
using Portal.Domain.Runbooks;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Runbooks;
using Portal.Security;

namespace Portal.Features.Runbooks;

/// <summary>
/// Imports Markdown as runbooks in two steps: the document is split (or taken whole) into a preview the user can
/// correct (slugs, team, tags) with the slugs already in use marked, then <see cref="IRunbookStore.ImportAsync"/>
/// writes all of them or none. The text stays whatever fails; the store's problems are shown at the row they name.
/// Closes with the imported slugs.
/// </summary>
public partial class RunbookImportDialog : PortalComponent
{
    /// <summary>A runbook's limit: a file larger than that could not become even one runbook.</summary>
    public const long MaxFileBytes = RunbookLimits.MaxBodyBytes;

    /// <summary>
    /// Most characters the text box takes: what is typed there travels in one SignalR message, up to twelve bytes a
    /// character (see <see cref="BlazorHub"/>). A larger file is uploaded and never put into the text box.
    /// </summary>
    public const int PasteLimit = Rules.ImportDialog.PasteLimit;

    /// <summary>The split choices: 0 keeps the document whole, 1–3 cut it at headings of that level.</summary>
    internal static readonly (int Level, string Label)[] SplitChoices =
    [
        (0, "No split: one runbook"),
        (1, "One runbook per # heading"),
        (2, "One runbook per ## heading"),
        (3, "One runbook per ### heading"),
    ];

    [GeneratedRegex(@"^runbooks\[(\d+)\]\.")]
    private static partial Regex ItemField();

    private string _text = "";
    private string? _fileName;
    private int _level = 2;
    private string? _team;
    private string _tags = "";
    private IReadOnlyList<string> _teamChoices = [];
    private IReadOnlyList<Row>? _rows;
    private HashSet<string> _existing = new(StringComparer.Ordinal);
    private string? _note;
    private bool _starter;
    private bool _teamsLoaded;

    /// <summary>One runbook of the preview: everything but the slug comes from the document.</summary>
    internal sealed class Row
    {
        public required string Title { get; init; }

        public required string Slug { get; set; }

        public required string Body { get; init; }

        public IReadOnlyList<string> Tags { get; init; } = [];

        public int Sections { get; init; }

        public int Bytes { get; init; }

        public List<string> Problems { get; } = [];
    }

    [CascadingParameter]
    public IMudDialogInstance? MudDialog { get; set; }

    /// <summary>Opens with the starter runbooks (already one runbook each) and their preview.</summary>
    [Parameter]
    public bool Starter { get; set; }

    [Inject]
    public required IRunbookStore Store { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    [Inject]
    public required ITeams Teams { get; init; }

    private bool TooLongToEdit => _fileName is not null && _text.Length > PasteLimit;

    private bool CanPreview => !_starter && !string.IsNullOrWhiteSpace(_text);

    private int ToWrite => _rows?.Count ?? 0;

    // Said only once the teams are known: before that, an empty list means nothing.
    private string? TeamRefusal => _teamsLoaded && _teamChoices.Count == 0
        ? User.Refusal(PortalAction.EditRunbooks) ?? "You are not a member of any team, so there is no team the runbooks could belong to."
        : null;

    protected override async Task OnInitializedAsync()
    {
        _starter = Starter;
        await RunAsync(async ct =>
        {
            _teamChoices = await RunbookDisplay.WritableTeamsAsync(User.Caller, Teams, ct);
            _team = _teamChoices.Count == 1 ? _teamChoices[0] : null;
            _teamsLoaded = true;
        }, "The teams could not be loaded");

        if (_starter)
        {
            await PreviewStarterAsync();
        }
    }

    // A preview answers the text and split it was made from: changing either makes it stale.
    private void OnTextChanged(string? value)
    {
        _text = value ?? "";
        _rows = null;
    }

    private void OnLevelChanged(int level)
    {
        _level = level;
        _rows = null;
    }

    private void ClearFile()
    {
        _text = "";
        _fileName = null;
        _rows = null;
    }

    private async Task OnFileChosenAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        Error = UploadedText.TooLarge(file, MaxFileBytes, " Split it first.");
        if (Error is not null)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            _text = await UploadedText.ReadAsync(file, MaxFileBytes, ct);
            _fileName = file.Name;
            _starter = false;
            _rows = null;
        }, $"\"{file.Name}\" could not be read", alsoExpected: UploadedText.Expected);
    }

    private async Task UseStarterAsync()
    {
        _starter = true;
        (_text, _fileName) = ("", null);
        await PreviewStarterAsync();
    }

    private Task PreviewStarterAsync() => ShowAsync(StarterRunbooks.All
        .Select(s => NewRow(s.Title, s.Slug, s.Body, s.Tags)).ToList(), null);

    private async Task PreviewAsync()
    {
        if (Busy || !CanPreview)
        {
            return;
        }

        // Split refuses more than a runbook may hold; said here in the same words as the upload's limit.
        if (_text.Length > MaxFileBytes || Encoding.UTF8.GetByteCount(_text) > MaxFileBytes)
        {
            Error = "The document is larger than 1 MB; import it in parts.";
            return;
        }

        var split = _level == 0
            ? RunbookImport.Whole(_text, FallbackTitle())
            : RunbookImport.Split(_text, _level);
        if (split.Runbooks.Count == 0)
        {
            Error = "The document has nothing to import: it holds headings only.";
            _rows = null;
            return;
        }

        await ShowAsync(split.Runbooks.Select(r => NewRow(r.Title, r.Slug, r.Body, [])).ToList(), split.Note);
    }

    private string FallbackTitle() =>
        _fileName is { } name && Path.GetFileNameWithoutExtension(name) is { Length: > 0 } stem ? stem : "Imported runbook";

    private static Row NewRow(string title, string slug, string body, IReadOnlyList<string> tags) => new()
    {
        Title = title, Slug = slug, Body = body, Tags = tags,
        Sections = RunbookImport.SectionCount(body), Bytes = Encoding.UTF8.GetByteCount(body),
    };

    /// <summary>Shows the rows with the slugs already taken marked: one list of the store, compared as the user edits.</summary>
    private async Task ShowAsync(IReadOnlyList<Row> rows, string? note)
    {
        await RunAsync(async ct =>
        {
            _existing = (await Store.ListAsync(ct)).Select(r => r.Slug).ToHashSet(StringComparer.Ordinal);
            _rows = rows;
            _note = note;
        }, "The preview failed");
    }

    private static void OnSlugChanged(Row row, string? slug)
    {
        row.Slug = (slug ?? "").Trim();
        row.Problems.Clear();
    }

    private bool Exists(Row row) => _existing.Contains(row.Slug);

    private int ExistingCount => _rows?.Count(Exists) ?? 0;

    private async Task ImportAsync()
    {
        if (Busy || _rows is not { Count: > 0 } rows)
        {
            return;
        }

        var common = _tags.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        var edits = rows.Select(r => new RunbookEdit(null, r.Slug, r.Title, RunbookLimits.NormalizeTags(r.Tags.Concat(common)), _team ?? "", r.Body,
            null, null, _starter ? "starter runbook" : "imported")).ToList();
        foreach (var row in rows)
        {
            row.Problems.Clear();
        }

        await RunAsync(async ct =>
        {
            var result = await Store.ImportAsync(edits, User.Caller, ct);
            if (result.Succeeded)
            {
                var slugs = (result.Value ?? []).Select(r => r.Slug).ToList();
                Snackbar.Add($"Imported {RunbookDisplayPlural(slugs.Count)}.", Severity.Success);
                MudDialog?.Close(DialogResult.Ok<IReadOnlyList<string>>(slugs));
                return;
            }

            Error = "Nothing was imported. " + Place(result.Errors, rows);
        }, "Nothing was imported");
    }

    /// <summary>Puts each item's problem at its row; what names no row is returned as a sentence for the dialog.</summary>
    private static string Place(IReadOnlyList<FieldError> errors, IReadOnlyList<Row> rows)
    {
        var general = new List<string>();
        foreach (var error in errors)
        {
            if (ItemField().Match(error.Field) is { Success: true } m && int.TryParse(m.Groups[1].ValueSpan, out var i) && i < rows.Count)
            {
                rows[i].Problems.Add(error.Message);
            }
            else
            {
                general.Add(error.Message);
            }
        }

        var atRows = errors.Count - general.Count;
        if (atRows > 0)
        {
            general.Insert(0, atRows == 1 ? "One problem is shown at its runbook below." : $"{atRows} problems are shown at their runbooks below.");
        }

        return string.Join(' ', general);
    }

    private static string RunbookDisplayPlural(int n) => Rules.RuleDisplay.Plural(n, "runbook");

    private string ConfirmLabel => _rows is null ? "Import" : $"Import {RunbookDisplayPlural(ToWrite)}";

    private void OnTeamChanged(string? team) => _team = team;

    private void Cancel() => MudDialog?.Cancel();
}
