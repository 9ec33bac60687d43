using Microsoft.AspNetCore.Components;
using Portal.Domain.Lint;
using Portal.Infrastructure.Lint;

namespace Portal.Features.Rules;

/// <summary>
/// Live lint in the rule editor: waits <see cref="Debounce"/> after the last change, cancels the check
/// of the text before, and shows what the configured Prometheus says about the expression.
/// </summary>
public partial class LiveLintPanel : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(600);

    private CancellationTokenSource? _pending;
    private string? _asked;
    private IReadOnlyList<LintFinding> _findings = [];
    private bool _checking;
    private bool _checked;

    [Inject]
    public required ILiveLinter Linter { get; init; }

    [Parameter]
    public string Expression { get; set; } = "";

    /// <summary>Where the rule is published (namespace, group, name); its evaluation errors are shown when all three are set.</summary>
    [Parameter]
    public string? Namespace { get; set; }

    [Parameter]
    public string? Group { get; set; }

    [Parameter]
    public string? RuleName { get; set; }

    protected override void OnParametersSet()
    {
        var key = $"{Namespace}\n{Group}\n{RuleName}\n{Expression}";
        if (key == _asked)
        {
            return;
        }

        _asked = key;
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = new CancellationTokenSource();
        if (string.IsNullOrWhiteSpace(Expression))
        {
            (_findings, _checking, _checked) = ([], false, false);
            return;
        }

        _checking = true;
        _ = CheckAsync(Expression, Namespace is { Length: > 0 } && Group is { Length: > 0 } && RuleName is { Length: > 0 }
            ? new LiveRuleRef(Namespace, Group, RuleName) : null, _pending.Token);
    }

    private async Task CheckAsync(string expression, LiveRuleRef? rule, CancellationToken ct)
    {
        try
        {
            await Task.Delay(Debounce, ct);
            var findings = await Linter.LintAsync(expression, rule, ct);
            await InvokeAsync(() =>
            {
                if (!ct.IsCancellationRequested)
                {
                    (_findings, _checking, _checked) = (findings, false, true);
                    StateHasChanged();
                }
            });
        }
        catch (OperationCanceledException)
        {
            // A newer text (or leaving the page) took over.
        }
    }

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        GC.SuppressFinalize(this);
    }
}
