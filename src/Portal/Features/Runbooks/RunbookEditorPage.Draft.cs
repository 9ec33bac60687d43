using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Portal.Features.Runbooks;

/// <summary>
/// The body box and the draft: <c>wwwroot/js/runbook-editor.js</c> keeps the whole form in the browser's localStorage on
/// every input and sends the body to <see cref="BodyChanged"/> after a pause in typing, as a stream (chunked under the
/// hub's message limit), so neither a 200 KB body nor a dropped connection costs the user anything.
/// </summary>
public partial class RunbookEditorPage
{
    internal const string ModulePath = "js/runbook-editor.js";
    internal const int BodyDebounceMilliseconds = 400;

    private IJSObjectReference? _module;
    private DotNetObjectReference<RunbookEditorPage>? _self;
    private bool _moduleRequested;
    private int _attachedKey;
    private ElementReference _bodyBox;
    private DraftInfo? _draft;

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>A draft as runbook-editor.js keeps it: when (ms since 1970), the small fields, and whether it holds a body.</summary>
    public sealed record DraftInfo(long At, DraftFields? Fields, bool HasBody);

    public sealed record DraftFields(string? Title, string? Slug, string? Team, string[]? Tags, int? Review, string? Reason);

    private static string DraftTime(DraftInfo draft) =>
        Rules.RuleDisplay.Ago(DateTimeOffset.FromUnixTimeMilliseconds(draft.At));

    /// <summary>
    /// Where completion in ```promql fences asks for metric names, labels and values: the same metadata proxy as the
    /// rule editor's <see cref="Components.Shared.PromQlEditor"/>.
    /// </summary>
    internal string MetadataUrl => Navigation.ToAbsoluteUri(Api.PrometheusMetadataEndpoints.BasePath.TrimStart('/')).ToString();

    /// <summary>One draft per runbook (by the slug it was opened under) and one for a new runbook.</summary>
    private string DraftKey => _detail?.Slug ?? "new";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_loaded || ReadOnlyReason is not null)
        {
            return;
        }

        if (!_moduleRequested)
        {
            _moduleRequested = true;
            if (!await JsAsync(async () =>
                {
                    _module = await JS.InvokeAsync<IJSObjectReference>("import", Leaving, "./" + Assets[ModulePath]);
                    _self = DotNetObjectReference.Create(this);
                    var draft = _module is null ? null : await _module.InvokeAsync<DraftInfo?>("draftInfo", Leaving, DraftKey);
                    // Only a draft written after the stored revision can hold something the store lacks.
                    if (draft is not null && (_detail is null || draft.At > _detail.UpdatedAt.ToUnixTimeMilliseconds()))
                    {
                        _draft = draft;
                        StateHasChanged();
                    }
                }))
            {
                return;
            }
        }

        if (_module is not null && _attachedKey != _bodyKey)
        {
            _attachedKey = _bodyKey;
            await JsAsync(() => _module.InvokeVoidAsync("attach", Leaving, _bodyBox, _self, DraftKey, BodyDebounceMilliseconds,
                new { metadataUrl = MetadataUrl }).AsTask());
        }
    }

    /// <summary>The browser's body box after a pause in typing.</summary>
    [JSInvokable]
    public async Task BodyChanged(IJSStreamReference body)
    {
        if (await ReadBodyAsync(body) is { } text)
        {
            _body = text;
            _preview = Domain.Runbooks.RunbookMarkdown.Render(text);
        }

        StateHasChanged();
    }

    /// <summary>The text of a body stream, or null (with <see cref="_tooLarge"/> set) when it is over the limit.</summary>
    private async Task<string?> ReadBodyAsync(IJSStreamReference body)
    {
        await using (body)
        {
            if (body.Length > RunbookDisplay.MaxBodyBytes)
            {
                _tooLarge = (int)Math.Min(int.MaxValue, body.Length);
                return null;
            }

            _tooLarge = null;
            await using var stream = await body.OpenReadStreamAsync(RunbookDisplay.MaxBodyBytes, Leaving);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(Leaving);
        }
    }

    /// <summary>What the box holds now (the last keystrokes may not have been sent yet); without the module, what .NET knows.</summary>
    private async Task<string?> CurrentBodyAsync()
    {
        if (_module is null)
        {
            return _tooLarge is null ? _body : null;
        }

        IJSStreamReference? stream = null;
        if (!await JsAsync(async () => stream = await _module.InvokeAsync<IJSStreamReference?>("current", Leaving, _bodyBox)))
        {
            return _tooLarge is null ? _body : null;
        }

        if (stream is null)
        {
            return _tooLarge is null ? _body : null;
        }

        if (await ReadBodyAsync(stream) is not { } text)
        {
            return null;
        }

        _body = text;
        _preview = Domain.Runbooks.RunbookMarkdown.Render(text);
        return text;
    }

    private async Task SaveFieldsAsync()
    {
        if (_module is not null)
        {
            var fields = new DraftFields(_title, _slug, _team, _tags.ToArray(), _review, _reason);
            await JsAsync(() => _module.InvokeVoidAsync("saveFields", Leaving, DraftKey, fields).AsTask());
        }
    }

    private async Task RestoreDraftAsync()
    {
        if (_draft is not { } draft || _module is null)
        {
            return;
        }

        // A draft written only by typing into the box holds no fields: those stay as loaded.
        if (draft.Fields is { Title: not null } fields)
        {
            _title = fields.Title ?? _title;
            _slug = fields.Slug ?? _slug;
            _slugEdited = _detail is not null || _slug != Suggested(_title);
            _team = fields.Team is { } team && _teamChoices.Contains(team) ? team : _team;
            _tags = fields.Tags?.ToList() ?? _tags;
            _review = fields.Review;
            _reason = fields.Reason;
        }

        if (draft.HasBody)
        {
            IJSStreamReference? stream = null;
            await JsAsync(async () => stream = await _module.InvokeAsync<IJSStreamReference?>("draftBody", Leaving, DraftKey));
            if (stream is not null && await ReadBodyAsync(stream) is { } body)
            {
                ReplaceBody(body);
            }
        }

        _draft = null;
        Snackbar.Add("Restored the unsaved draft; save to keep it.", MudBlazor.Severity.Info);
    }

    private async Task DiscardDraftAsync()
    {
        _draft = null;
        await ClearDraftAsync();
    }

    private async Task ClearDraftAsync(string? key = null)
    {
        if (_module is not null)
        {
            await JsAsync(() => _module.InvokeVoidAsync("clear", Leaving, key ?? DraftKey).AsTask());
        }
    }

    /// <summary>
    /// Runs a call into the browser. The draft is a safety net: when the browser cannot be reached (circuit gone, page
    /// left, script refused) the editor goes on without it. False when the call did not complete.
    /// </summary>
    internal static async Task<bool> JsAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    protected override void Disposing()
    {
        _self?.Dispose();
        if (_module is { } module)
        {
            _ = JsAsync(() => module.DisposeAsync().AsTask());
        }
    }
}
