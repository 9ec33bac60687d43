using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Catalog;
using Portal.Domain.Lint;
using Portal.Infrastructure.Catalog;

namespace Portal.Features.Rules;

/// <summary>The editor's fields: every change rebuilds the content, its lint, its errors and its YAML at once.</summary>
public partial class RuleEditorPage
{
    private void OnGroupChosen(GroupChoice? choice)
    {
        _chosenGroup = choice;
        _groupId = choice?.Id;
        _namespace = choice?.Namespace;
        _group = choice is null ? null : new GroupContext(choice.Group, choice.Interval, choice.Limit);
        _serverErrors = _serverErrors.Where(e => e.Field != "group").ToList();
        Recompute();
    }

    private void OnKindChanged(RuleKind kind)
    {
        if (kind == _form.Kind)
        {
            return;
        }

        // A recording rule has no for/annotations; switching back starts the alert defaults again.
        var name = _form.Name;
        var expression = _form.Expression;
        _form = kind == RuleKind.Alerting ? RuleForm.NewAlert() : new RuleForm { Kind = RuleKind.Recording };
        _form.Name = name;
        _form.Expression = expression;
        Changed();
    }

    private void OnNameChanged(string? name) => Change(f => f.Name = name ?? "");

    private void OnExpressionChanged(string expression) => Change(f => f.Expression = expression);

    private void OnThresholdChanged(double threshold)
    {
        if (double.IsFinite(threshold) && _content.Threshold is not null)
        {
            Change(f => f.Expression = _content.WithThreshold(threshold).Expression);
        }
    }

    private void OnForChanged(string? text) => Change(f => f.For = text ?? "");

    private void OnKeepFiringForChanged(string? text) => Change(f => f.KeepFiringFor = text ?? "");

    private void OnLabelsChanged(IReadOnlyList<KeyValuePair<string, string>> rows) => Change(f => f.Labels = rows);

    private void OnAnnotationsChanged(IReadOnlyList<KeyValuePair<string, string>> rows) => Change(f => f.Annotations = rows);

    private void OnEnabledChanged(bool enabled) => Change(f => f.Enabled = enabled);

    private void Change(Action<RuleForm> change)
    {
        change(_form);
        Changed();
    }

    private void Changed()
    {
        // What the store refused was about the text before this edit.
        _serverErrors = [];
        Recompute();
        KeepDraft();
    }

    private void Recompute()
    {
        (_content, _errors) = _form.Build();
        _feedback = PromQlFeedback.For(_form.Expression, _form.Kind);
        _findings = string.IsNullOrWhiteSpace(_form.Expression)
            ? []
            : RuleLinter.Lint(_content.ToLintRule() with { RunbookLinked = _detail?.RunbookId is not null }).OrderByDescending(f => f.Severity).ToList();
        _publishedRunbookUrl = PublishedRunbookUrl(_content);
        _yaml = _group is null ? null
            : RuleYaml.Render(_group, _publishedRunbookUrl is { } url ? _content with { Annotations = _content.Annotations.With("runbook_url", url) } : _content);
    }

    /// <summary>The runbook_url publishing adds from the linked runbook (the rule has none of its own), shown in the preview as Prometheus will get it.</summary>
    private string? PublishedRunbookUrl(RuleContent content) =>
        content.Kind == RuleKind.Alerting && _detail?.RunbookSlug is { } slug && !content.Annotations.ContainsKey("runbook_url")
            ? Domain.Runbooks.RunbookLinks.UrlOf(PortalUrl.Value.PublicUrl, slug)
            : null;

    private string? ErrorFor(string field) => VisibleErrors.FirstOrDefault(e => e.Field == field) is { } error
        ? error.Position is { } at ? $"{at.InWords()}: {error.Message}" : error.Message
        : null;

    /// <summary>Errors of <c>labels.x</c> or <c>annotations.x</c>, by name, for a <see cref="KeyValueEditor"/>.</summary>
    private Dictionary<string, string> MapErrors(string map)
    {
        var prefix = map + ".";
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var error in VisibleErrors.Where(e => e.Field.StartsWith(prefix, StringComparison.Ordinal)))
        {
            errors.TryAdd(error.Field[prefix.Length..], error.Message);
        }

        return errors;
    }

    private static Color FindingColor(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => Color.Error,
        LintSeverity.Warning => Color.Warning,
        _ => Color.Info,
    };

    /// <summary>
    /// Linking writes the rule row, so its concurrency version moves: the form takes the new one, unless someone else
    /// changed the rule's content meanwhile (then the next save is the conflict it should be).
    /// </summary>
    private async Task OnRunbookLinkedAsync(string? slug)
    {
        if (await Store.GetAsync(_detail!.Id, Leaving) is { } fresh)
        {
            _detail = fresh.VersionNumber == _detail.VersionNumber
                ? _detail with { Version = fresh.Version, RunbookId = fresh.RunbookId, RunbookSlug = fresh.RunbookSlug }
                : _detail with { RunbookId = fresh.RunbookId, RunbookSlug = fresh.RunbookSlug };
        }

        Recompute();
    }
}
