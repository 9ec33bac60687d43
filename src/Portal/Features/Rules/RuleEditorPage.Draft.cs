using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Portal.Features.Runbooks;

namespace Portal.Features.Rules;

/// <summary>
/// The unsaved form of an existing rule, kept in the browser's localStorage on every change (the runbook editor's
/// draft store, under its own key), so a replica that goes away, a dropped connection or a closed tab loses nothing:
/// the editor opened again offers the draft back when it is newer than the stored rule and differs from it.
/// </summary>
public partial class RuleEditorPage
{
    /// <summary>A draft longer than this is not read back (a rule's fields fit many times over).</summary>
    internal const int MaxDraftLength = 512 * 1024;

    private static readonly JsonSerializerOptions DraftJson = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    private IJSObjectReference? _drafts;
    private bool _draftsRequested;
    private RuleForm? _offeredDraft;
    private DateTimeOffset _offeredDraftAt;

    [Inject]
    public required IJSRuntime JS { get; init; }

    public sealed record StoredDraft(long At, Dictionary<string, string?>? Fields);

    private string? DraftKey => _detail is { } detail ? "rule-" + detail.Id.ToString("D") : null;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_loaded || _draftsRequested || DraftKey is not { } key)
        {
            return;
        }

        _draftsRequested = true;
        await RunbookEditorPage.JsAsync(async () =>
        {
            _drafts = await JS.InvokeAsync<IJSObjectReference>("import", Leaving, "./" + Assets[RunbookEditorPage.ModulePath]);
            if (_drafts is null)
            {
                return;
            }

            var stored = await _drafts.InvokeAsync<StoredDraft?>("draftInfo", Leaving, key);
            if (stored is { Fields: { } fields } && fields.GetValueOrDefault("form") is { } json
                && ReadDraft(json) is { } form && !form.SameAs(_form)
                && _detail is { } detail && stored.At > detail.UpdatedAt.ToUnixTimeMilliseconds())
            {
                (_offeredDraft, _offeredDraftAt) = (form, DateTimeOffset.FromUnixTimeMilliseconds(stored.At));
                StateHasChanged();
            }
        });
    }

    /// <summary>A draft as the browser handed it back: anything that is not one (too long, not JSON, not a form) is none.</summary>
    internal static RuleForm? ReadDraft(string? json)
    {
        if (string.IsNullOrEmpty(json) || json.Length > MaxDraftLength)
        {
            return null;
        }

        try
        {
            var form = JsonSerializer.Deserialize<RuleForm>(json, DraftJson);
            return form is { Name: not null, Expression: not null, For: not null, KeepFiringFor: not null, Labels: not null, Annotations: not null }
                && Enum.IsDefined(form.Kind) ? form : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string WriteDraft(RuleForm form) => JsonSerializer.Serialize(form, DraftJson);

    /// <summary>After every change: the form as typed is kept, or the draft cleared when it equals what is stored.</summary>
    private void KeepDraft()
    {
        if (_drafts is not { } drafts || DraftKey is not { } key)
        {
            return;
        }

        _ = RunbookEditorPage.JsAsync(() => IsDirty
            ? drafts.InvokeVoidAsync("saveFields", Leaving, key, new Dictionary<string, string> { ["form"] = WriteDraft(_form) }).AsTask()
            : drafts.InvokeVoidAsync("clear", Leaving, key).AsTask());
    }

    private void RestoreDraft()
    {
        if (_offeredDraft is not { } draft)
        {
            return;
        }

        _offeredDraft = null;
        _form = draft;
        Changed();
        Snackbar.Add("Restored the unsaved changes; save to keep them.", MudBlazor.Severity.Info);
    }

    private void DiscardDraft()
    {
        _offeredDraft = null;
        KeepDraft();
    }
}
