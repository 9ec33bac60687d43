namespace Portal.Domain.Templates;

/// <summary>
/// Renders Prometheus 2.42 alert and label templates (Go text/template with Prometheus' functions)
/// byte for byte as Prometheus does, without Prometheus. Templates that call query cannot run
/// offline and report <see cref="TemplateErrorKind.NeedsLiveQuery"/>.
/// </summary>
public static class TemplateRenderer
{
    // Prometheus prepends these declarations to every alert template. Go's error columns on the
    // first line count them, so they are kept in mind when reproducing Go's messages.
    private const string Prelude =
        "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private static readonly string[] PreludeVariables = ["$labels", "$externalLabels", "$externalURL", "$value"];

    private const string DataStructType =
        "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }";

    private static readonly IReadOnlyDictionary<string, GoFunction> KnownFunctions = Functions("", TemplateBudget.Unbounded);

    /// <summary>Renders under <see cref="TemplateLimits.Default"/>.</summary>
    public static TemplateResult Render(string template, TemplateData data) => Render(template, data, TemplateLimits.Default);

    /// <summary>
    /// Renders under the given limits: past any of them rendering stops at once and the result is a
    /// <see cref="TemplateErrorKind.Budget"/> error pointing at the action that crossed the limit.
    /// </summary>
    public static TemplateResult Render(string template, TemplateData data, TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(limits);
        if (TooLong(template, limits) is { } tooLong)
        {
            return new TemplateResult(null, tooLong);
        }
        ParsedTemplate parsed;
        try
        {
            parsed = TemplateParser.Parse(template, KnownFunctions.ContainsKey, PreludeVariables, limits.NestingDepth);
        }
        catch (TemplateParseException e)
        {
            return new TemplateResult(null, SyntaxError(template, e));
        }
        catch (InsufficientExecutionStackException)
        {
            return new TemplateResult(null, TooDeep(TemplateErrorKind.Syntax));
        }
        var labels = GoMap.Strings(data.Labels);
        var externalLabels = GoMap.Strings(data.ExternalLabels);
        var url = new GoString(data.ExternalUrl);
        var value = new GoFloat(data.Value);
        var dot = new GoStruct(
            [new("Labels", labels), new("ExternalLabels", externalLabels), new("ExternalURL", url), new("Value", value)],
            DataStructType);
        var budget = new TemplateBudget(limits);
        try
        {
            var text = TemplateEvaluator.Execute(parsed, Functions(data.ExternalUrl, budget), budget, "", dot,
                [new("$labels", labels), new("$externalLabels", externalLabels), new("$externalURL", url), new("$value", value)]);
            return new TemplateResult(text, null);
        }
        catch (TemplateExecException e)
        {
            var pos = e.Node?.Pos ?? 0;
            var (line, column) = Position(template, pos);
            return new TemplateResult(null, new TemplateError(e.Kind, e.Message, line, column)
            {
                GoLocation = GoPosition(template, pos),
                GoContext = e.Node?.ToString() ?? "",
                ExecutingTemplate = e.TemplateName,
            });
        }
        catch (InsufficientExecutionStackException)
        {
            return new TemplateResult(null, TooDeep(TemplateErrorKind.Execution));
        }
    }

    /// <summary>
    /// The syntax errors Prometheus reports when it loads the template (none, or the first), or the
    /// <see cref="TemplateErrorKind.Budget"/> error of a text too long or too deeply nested to parse.
    /// </summary>
    public static IReadOnlyList<TemplateError> Check(string template) => Check(template, TemplateLimits.Default);

    /// <summary>As <see cref="Check(string)"/>, with the source and nesting limits given.</summary>
    public static IReadOnlyList<TemplateError> Check(string template, TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(limits);
        if (TooLong(template, limits) is { } tooLong)
        {
            return [tooLong];
        }
        try
        {
            TemplateParser.Parse(template, KnownFunctions.ContainsKey, PreludeVariables, limits.NestingDepth);
            return [];
        }
        catch (TemplateParseException e)
        {
            return [SyntaxError(template, e)];
        }
        catch (InsufficientExecutionStackException)
        {
            return [TooDeep(TemplateErrorKind.Syntax)];
        }
    }

    /// <summary>The first syntax error as "line:column: message", or null; the shape rule checks and lint take.</summary>
    public static string? Problem(string template) =>
        Check(template) is [var first, ..] ? $"{first.Line}:{first.Column}: {first.Message}" : null;

    /// <summary>Nesting deeper than the stack allows: no real template comes close.</summary>
    private static TemplateError TooDeep(TemplateErrorKind kind) =>
        new(kind, "template is nested too deeply to evaluate", 1, 1) { GoLocation = "1" };

    // Refused before lexing: the lexer and parser are linear, but nothing needs more than this.
    private static TemplateError? TooLong(string template, TemplateLimits limits) =>
        template.Length > limits.SourceCharacters
            ? new TemplateError(TemplateErrorKind.Budget,
                $"template text exceeds {TemplateBudget.Format(limits.SourceCharacters)} characters", 1, 1) { GoLocation = "1" }
            : null;

    private static TemplateError SyntaxError(string template, TemplateParseException e)
    {
        var (line, column) = Position(template, Math.Min(e.Token.Pos, template.Length));
        return new TemplateError(e.OverLimit ? TemplateErrorKind.Budget : TemplateErrorKind.Syntax, e.Message, line, column)
        {
            GoLocation = e.GoLine.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static Dictionary<string, GoFunction> Functions(string externalUrl, TemplateBudget budget)
    {
        var functions = new Dictionary<string, GoFunction>(StringComparer.Ordinal);
        BuiltinFunctions.AddTo(functions, budget);
        PrometheusFunctions.AddTo(functions, externalUrl, budget);
        return functions;
    }

    private static (int Line, int Column) Position(string text, int pos)
    {
        var before = text.AsSpan(0, pos);
        var lastNewline = before.LastIndexOf('\n');
        return (before.Count('\n') + 1, pos - lastNewline);
    }

    /// <summary>Go's "line:column": the column counts bytes from 0, and line 1 includes the prelude.</summary>
    private static string GoPosition(string text, int pos)
    {
        var before = text[..pos];
        var lastNewline = before.LastIndexOf('\n');
        var column = GoStrings.ByteLength(before[(lastNewline + 1)..]) + (lastNewline < 0 ? Prelude.Length : 0);
        return $"{before.Count(c => c == '\n') + 1}:{column}";
    }
}
