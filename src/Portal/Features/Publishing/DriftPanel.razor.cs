using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Security;
using Portal.Features.Rules;
using Portal.Infrastructure.Publishing;

namespace Portal.Features.Publishing;

/// <summary>
/// <see cref="IPublisher.DriftAsync"/> per target, with the two ways out of a hand edit: overwrite it with the
/// live release (after a confirmation, since the edit is lost) or import the edited file into the catalog.
/// </summary>
public partial class DriftPanel : PortalComponent
{
    private readonly Dictionary<string, TargetResult> _results = new(StringComparer.Ordinal);
    private IReadOnlyList<TargetDrift>? _targets;
    private int? _loadedGeneration;
    // Loading from the first render on: the panel shows its spinner at once instead of holding the page back.
    private bool _loading = true;

    [Inject]
    public required IPublisher Publisher { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ActingUser User { get; init; }

    /// <summary>Changed by the page after each publish and on "check again": the live files are read again.</summary>
    [Parameter]
    public int Generation { get; set; }

    /// <summary>Raised after an edited file was imported: the catalog changed, so the page's plan is stale.</summary>
    [Parameter]
    public EventCallback Imported { get; set; }

    // After rendering, not before: reading every target's files (hundreds at scale) must not delay the page's
    // first answer, and prerendering (which never runs this) must not read them a second time.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_loadedGeneration != Generation)
        {
            _loadedGeneration = Generation;
            await LoadAsync();
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        _loading = true;
        await RunAsync(async ct => _targets = await Publisher.DriftAsync(ct), "The live files could not be checked");
        _loading = false;
    }

    private async Task OverwriteAsync(TargetDrift target, long release)
    {
        if (Busy)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Overwrite {target.Target} with release #{release}?",
            $"Release #{release}'s files are written over the hand edits on {target.Target} ({RuleDisplay.Plural(target.Files.Count, "file")}), " +
            "then Prometheus reloads them and is verified. The edits are lost: import an edited file into the catalog first to keep its rules.",
            yesText: "Overwrite", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async ct =>
        {
            _results[target.Target] = await Publisher.OverwriteDriftAsync(target.Target, User.Caller, ct);
            await LoadAsync();
        }, $"{target.Target} was not overwritten");
    }

    /// <summary>The Rules area's import dialog, prefilled with the live file: the user previews what it changes before anything is written.</summary>
    private async Task ImportAsync(DriftedFile file)
    {
        var parameters = new DialogParameters<ImportDialog>
        {
            { d => d.Namespace, file.Namespace ?? Path.GetFileNameWithoutExtension(file.FileName) },
            { d => d.Text, file.LiveContent },
            { d => d.FileName, file.FileName },
        };
        var dialog = await Dialogs.ShowAsync<ImportDialog>($"Import {file.FileName} into the catalog", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false })
        {
            await Imported.InvokeAsync();
        }
    }

    private static string KindText(DriftKind kind) => kind == DriftKind.Modified ? "modified" : "missing";
}
