using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Portal.Tests.Unit;

/// <summary>The one base for component tests: MudBlazor services, loose JS interop, no snackbar delays.</summary>
public abstract class BunitTestContext : BunitContext, IAsyncLifetime
{
    protected BunitTestContext()
    {
        // The default second is too short on a shared 2-core CI machine: a wait that passes locally failed there.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Every page that lists or edits listens for changes made elsewhere; tests that care drive this one.
        Services.AddSingleton<Portal.Infrastructure.Cluster.IChangeFeed>(Changes);
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
    }

    /// <summary>The change feed every page here hears; connected until a test says otherwise.</summary>
    internal Fakes.FakeChangeFeed Changes { get; } = new();

    /// <summary>Renders the page after the providers dialogs, menus and snackbars need; find things on the returned host.</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage<TPage>(params (string Name, object? Value)[] parameters)
        where TPage : IComponent =>
        Render(builder =>
        {
            Providers(builder);
            builder.OpenComponent<TPage>(3);
            foreach (var (name, value) in parameters)
            {
                builder.AddAttribute(4, name, value);
            }

            builder.CloseComponent();
        });

    /// <summary>
    /// Shows <typeparamref name="TDialog"/> through the dialog service, as a page would, after the providers it needs;
    /// the reference carries its result.
    /// </summary>
    protected (IRenderedComponent<ContainerFragment> Host, Task<IDialogReference> Dialog) ShowDialog<TDialog>(string title, DialogParameters<TDialog>? parameters = null)
        where TDialog : IComponent
    {
        var host = Render(Providers);
        var dialog = host.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<TDialog>(title, parameters ?? []));
        return (host, dialog);
    }

    /// <summary>The providers dialogs, menus and snackbars need, in sequence numbers 0–2.</summary>
    private static void Providers(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor registers services that only dispose asynchronously.</summary>
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
