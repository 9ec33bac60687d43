using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components;
using Portal.Infrastructure.Catalog;

namespace Portal.Tests.Unit.Features.Rules;

/// <summary>Component tests of the Rules area: a <see cref="FakeRuleStore"/>, a local user, and MudBlazor's providers around the page.</summary>
public abstract class RulesTestContext : BunitTestContext
{
    internal FakeRuleStore Store { get; } = new();

    protected RulesTestContext()
    {
        Services.AddSingleton<IRuleStore>(Store);
        Services.AddSingleton(Api.ApiHttp.User("tester"));
    }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Renders the page after the providers dialogs, menus and snackbars need; find things on the returned host.</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage<TPage>(params (string Name, object? Value)[] parameters)
        where TPage : IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(3);
            foreach (var (name, value) in parameters)
            {
                builder.AddAttribute(4, name, value);
            }

            builder.CloseComponent();
        });
}
