using System.Text.Json;
using Bunit;
using Microsoft.JSInterop;
using Portal.Components.Shared;

namespace Portal.Tests.Unit.Components;

public class PromQlEditorTests : BunitTestContext
{
    // The JS names are spelled out rather than taken from PromQlEditor: E2E tests and promql-editor.js rely on them.
    private const string Create = "portal.promql.create";
    private const string SetValue = "portal.promql.setValue";
    private const string Configure = "portal.promql.configure";
    private const string SetDiagnostics = "portal.promql.setDiagnostics";
    private const string Destroy = "portal.promql.destroy";

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public void FirstRender_CreatesTheEditor_WithTheValueAndTheMetadataProxyUrl()
    {
        Render<PromQlEditor>(p => p
            .Add(e => e.Value, "rate(http_requests_total[5m])")
            .Add(e => e.Placeholder, "a query")
            .Add(e => e.Label, "PromQL"));

        var create = Assert.Single(JSInterop.Invocations[Create]);
        var options = AsSentToJs(create.Arguments[3]);
        Assert.Equal("http://localhost/prometheus-metadata", options.GetProperty("metadataUrl").GetString());
        Assert.Equal("rate(http_requests_total[5m])", options.GetProperty("value").GetString());
        Assert.Equal("a query", options.GetProperty("placeholder").GetString());
        Assert.Equal("PromQL", options.GetProperty("label").GetString());
        Assert.False(options.GetProperty("readOnly").GetBoolean());
        Assert.IsType<DotNetObjectReference<PromQlEditor>>(create.Arguments[2]);
    }

    [Fact]
    public async Task TextFromTheEditor_RaisesValueChanged()
    {
        string? received = null;
        Render<PromQlEditor>(p => p
            .Add(e => e.Value, "up")
            .Add(e => e.ValueChanged, (string v) => received = v));

        await EditorTypesAsync("sum(up)");

        Assert.Equal("sum(up)", received);
    }

    [Fact]
    public async Task TheEditorsOwnTextComingBackThroughTheBinding_IsNotSentBack()
    {
        var cut = Render<PromQlEditor>(p => p.Add(e => e.Value, "up"));

        await EditorTypesAsync("sum(up)");
        cut.Render(p => p.Add(e => e.Value, "sum(up)"));

        Assert.Empty(JSInterop.Invocations[SetValue]);
    }

    [Fact]
    public void ValueChangedByThePage_ReplacesTheDocument()
    {
        var cut = Render<PromQlEditor>(p => p.Add(e => e.Value, "up"));

        cut.Render(p => p.Add(e => e.Value, "vector(1)"));

        var setValue = Assert.Single(JSInterop.Invocations[SetValue]);
        Assert.Equal("vector(1)", setValue.Arguments[1]);
    }

    [Fact]
    public void ReadOnly_IsReconfiguredInPlace()
    {
        var cut = Render<PromQlEditor>(p => p.Add(e => e.Value, "up"));

        cut.Render(p => p.Add(e => e.ReadOnly, true));

        Assert.Single(JSInterop.Invocations[Create]);
        var configure = Assert.Single(JSInterop.Invocations[Configure]);
        Assert.True(AsSentToJs(configure.Arguments[1]).GetProperty("readOnly").GetBoolean());
    }

    [Fact]
    public void Diagnostics_AreSentWithTheTextTheyDescribe()
    {
        var cut = Render<PromQlEditor>(p => p.Add(e => e.Value, "rate(up[5m]"));

        cut.Render(p => p.Add(e => e.Diagnostics, [new PromQlDiagnostic(4, 11, PromQlDiagnosticSeverity.Error, "unclosed left parenthesis")]));

        var call = Assert.Single(JSInterop.Invocations[SetDiagnostics]);
        Assert.Equal("rate(up[5m]", call.Arguments[1]);
        var diagnostic = Assert.Single(AsSentToJs(call.Arguments[2]).EnumerateArray().ToList());
        Assert.Equal(4, diagnostic.GetProperty("from").GetInt32());
        Assert.Equal(11, diagnostic.GetProperty("to").GetInt32());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal("unclosed left parenthesis", diagnostic.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Dispose_DestroysTheEditor_AndReleasesTheDotNetReference()
    {
        Render<PromQlEditor>(p => p.Add(e => e.Value, "up"));
        var create = JSInterop.Invocations[Create][0];
        var self = (DotNetObjectReference<PromQlEditor>)create.Arguments[2]!;

        await DisposeComponentsAsync();

        Assert.Equal(create.Arguments[0], Assert.Single(JSInterop.Invocations[Destroy]).Arguments[0]);
        Assert.Throws<ObjectDisposedException>(() => self.Value);
    }

    [Fact]
    public async Task Dispose_AfterTheCircuitIsGone_DoesNotThrow()
    {
        JSInterop.SetupVoid(Destroy).SetException(new JSDisconnectedException("circuit closed"));
        Render<PromQlEditor>(p => p.Add(e => e.Value, "up"));

        await DisposeComponentsAsync();

        Assert.Single(JSInterop.Invocations[Destroy]);
    }

    [Fact]
    public void Wrapper_HasTheTestId()
    {
        var cut = Render<PromQlEditor>(p => p.Add(e => e.Value, "up"));

        Assert.NotNull(cut.Find("[data-testid=promql-editor]"));
    }

    /// <summary>An interop argument as the browser receives it: Blazor serializes camelCase.</summary>
    private static JsonElement AsSentToJs(object? argument) => JsonSerializer.SerializeToElement(argument, WebJson);

    /// <summary>What promql-editor.js does after the debounce: call back into .NET with the whole text.</summary>
    private Task EditorTypesAsync(string text)
    {
        var self = (DotNetObjectReference<PromQlEditor>)JSInterop.Invocations[Create][0].Arguments[2]!;
        return Renderer.Dispatcher.InvokeAsync(() => self.Value.OnEditorChanged(text));
    }
}
