using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Portal.Features.Incidents;

/// <summary>
/// The writeup's draft: the runbook editor's script (<c>wwwroot/js/runbook-editor.js</c>) keeps the box in localStorage on
/// every keystroke and streams the text to <see cref="BodyChanged"/> after a pause, so a dropped connection loses nothing.
/// </summary>
public partial class IncidentDetailPage
{
    private const string ModulePath = Runbooks.RunbookEditorPage.ModulePath;
    private const int MaxBodyBytes = 1024 * 1024;

    private IJSObjectReference? _module;
    private DotNetObjectReference<IncidentDetailPage>? _self;
    private bool _moduleRequested;
    private int _attachedKey;
    private ElementReference _bodyBox;
    private DraftInfo? _draft;
    private bool _tooLarge;

    [Inject]
    public required IJSRuntime JS { get; init; }

    public sealed record DraftInfo(long At, bool HasBody);

    /// <summary>Apart from the runbooks' drafts (same store, another key).</summary>
    private string DraftKey => "incident-" + Id.ToString("D");

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_incident is null)
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
                    if (draft is { HasBody: true } && _incident is { } incident && draft.At > incident.UpdatedAt.ToUnixTimeMilliseconds())
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
            await JsAsync(() => _module.InvokeVoidAsync("attach", Leaving, _bodyBox, _self, DraftKey, 400, null).AsTask());
        }
    }

    [JSInvokable]
    public async Task BodyChanged(IJSStreamReference body)
    {
        if (await ReadBodyAsync(body) is { } text)
        {
            _body = text;
            _preview = Domain.Runbooks.RunbookMarkdown.Render(text, liveBlocks: false);
        }

        StateHasChanged();
    }

    private async Task<string?> ReadBodyAsync(IJSStreamReference body)
    {
        await using (body)
        {
            _tooLarge = body.Length > MaxBodyBytes;
            if (_tooLarge)
            {
                return null;
            }

            await using var stream = await body.OpenReadStreamAsync(MaxBodyBytes, Leaving);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(Leaving);
        }
    }

    /// <summary>What the box holds now (the last keystrokes may not have been sent); without the script, what .NET knows.</summary>
    private async Task<string?> CurrentBodyAsync()
    {
        IJSStreamReference? stream = null;
        if (_module is not null)
        {
            await JsAsync(async () => stream = await _module.InvokeAsync<IJSStreamReference?>("current", Leaving, _bodyBox));
        }

        if (stream is null)
        {
            return _tooLarge ? null : _body;
        }

        if (await ReadBodyAsync(stream) is not { } text)
        {
            return null;
        }

        _body = text;
        return text;
    }

    private async Task RestoreDraftAsync()
    {
        IJSStreamReference? stream = null;
        if (_module is not null)
        {
            await JsAsync(async () => stream = await _module.InvokeAsync<IJSStreamReference?>("draftBody", Leaving, DraftKey));
        }

        if (stream is not null && await ReadBodyAsync(stream) is { } body)
        {
            ReplaceBody(body);
        }

        _draft = null;
        Snackbar.Add("Restored the unsaved writeup; save to keep it.", MudBlazor.Severity.Info);
    }

    private async Task DiscardDraftAsync()
    {
        _draft = null;
        await ClearDraftAsync();
    }

    private async Task ClearDraftAsync()
    {
        if (_module is not null)
        {
            await JsAsync(() => _module.InvokeVoidAsync("clear", Leaving, DraftKey).AsTask());
        }
    }

    /// <summary>The draft is a safety net: when the browser cannot be reached the page goes on without it.</summary>
    private static Task<bool> JsAsync(Func<Task> call) => Runbooks.RunbookEditorPage.JsAsync(call);

    protected override void Disposing()
    {
        _self?.Dispose();
        if (_module is { } module)
        {
            _ = JsAsync(() => module.DisposeAsync().AsTask());
        }
    }
}
