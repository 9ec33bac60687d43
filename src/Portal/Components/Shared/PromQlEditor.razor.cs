using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Portal.Api;
using Portal.Components.Layout;

namespace Portal.Components.Shared;

/// <summary>
/// A PromQL editor: syntax highlighting, completion of metric names, labels and values from the
/// configured Prometheus (through <see cref="PrometheusMetadataEndpoints"/>), and underlined
/// <see cref="Diagnostics"/>. Bind it with <c>@bind-Value</c>; typing reaches .NET debounced.
/// </summary>
public partial class PromQlEditor : IAsyncDisposable
{
    // The names E2E tests and ClientApp/src/promql-editor.js agree on.
    internal const string CreateFunction = "portal.promql.create";
    internal const string SetValueFunction = "portal.promql.setValue";
    internal const string ConfigureFunction = "portal.promql.configure";
    internal const string SetDiagnosticsFunction = "portal.promql.setDiagnostics";
    internal const string DestroyFunction = "portal.promql.destroy";
    internal const int DebounceMilliseconds = 250;

    private readonly string _id = "promql-" + Guid.NewGuid().ToString("N");
    private ElementReference _host;
    private DotNetObjectReference<PromQlEditor>? _self;
    private bool _created;

    // What the browser's editor holds as far as .NET knows, to tell the user's own text coming
    // back through @bind-Value from a value the page really changed.
    private string _editorValue = "";
    private string? _lastValueParameter;
    private bool _valueChanged;
    private EditorConfig? _sentConfig;
    private IReadOnlyList<PromQlDiagnostic>? _sentDiagnostics;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public string Value { get; set; } = "";

    [Parameter]
    public EventCallback<string> ValueChanged { get; set; }

    [Parameter]
    public string? Placeholder { get; set; }

    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>Shown above the editor and given to screen readers as the text box's name.</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>Problems in <see cref="Value"/> to underline, with their messages on hover.</summary>
    [Parameter]
    public IReadOnlyList<PromQlDiagnostic>? Diagnostics { get; set; }


    /// <summary>Where the editor's completion asks for metadata; the library appends <c>/api/v1/...</c>.</summary>
    internal string MetadataUrl => Navigation.ToAbsoluteUri(PrometheusMetadataEndpoints.BasePath.TrimStart('/')).ToString();

    protected override void OnParametersSet()
    {
        if (Value != _lastValueParameter)
        {
            _lastValueParameter = Value;
            _valueChanged = Value != _editorValue;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // State is recorded before each await, so a render in between never sends a change twice;
        // promql-editor.js receives the calls in order.
        var config = new EditorConfig(Placeholder, ReadOnly, Label, IsDark);
        if (firstRender)
        {
            _created = true;
            _self = DotNetObjectReference.Create(this);
            _editorValue = Value;
            _valueChanged = false;
            _sentConfig = config;
            await JS.InvokeVoidAsync(CreateFunction, _id, _host, _self, new
            {
                value = Value,
                placeholder = config.Placeholder,
                readOnly = config.ReadOnly,
                label = config.Label,
                dark = config.Dark,
                metadataUrl = MetadataUrl,
                debounceMs = DebounceMilliseconds,
            });
        }
        else if (!_created)
        {
            return;
        }

        if (_valueChanged)
        {
            _valueChanged = false;
            _editorValue = Value;
            await JS.InvokeVoidAsync(SetValueFunction, _id, Value);
        }

        if (config != _sentConfig)
        {
            _sentConfig = config;
            await JS.InvokeVoidAsync(ConfigureFunction, _id, config);
        }

        if (!SameDiagnostics(Diagnostics, _sentDiagnostics))
        {
            _sentDiagnostics = Diagnostics;
            await JS.InvokeAsync<bool>(SetDiagnosticsFunction, _id, Value, (Diagnostics ?? []).Select(d => new
            {
                from = d.From,
                to = d.To,
                severity = d.Severity.ToString().ToLowerInvariant(),
                message = d.Message,
            }).ToList());
        }
    }

    /// <summary>Called by promql-editor.js, debounced, with the editor's whole text.</summary>
    [JSInvokable]
    public Task OnEditorChanged(string value)
    {
        _editorValue = value;
        return InvokeAsync(() => ValueChanged.InvokeAsync(value));
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        try
        {
            if (_created)
            {
                _created = false;
                await JS.InvokeVoidAsync(DestroyFunction, _id);
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's page with it: nothing left to clean up.
        }
        finally
        {
            _self?.Dispose();
        }
    }

    private static bool SameDiagnostics(IReadOnlyList<PromQlDiagnostic>? a, IReadOnlyList<PromQlDiagnostic>? b) =>
        ReferenceEquals(a, b) || (a ?? []).SequenceEqual(b ?? []);

    private sealed record EditorConfig(string? Placeholder, bool ReadOnly, string? Label, bool Dark);
}
