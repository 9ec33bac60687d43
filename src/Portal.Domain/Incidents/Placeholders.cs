using System.Globalization;
using System.Text;
using Portal.Domain.Catalog;
using Portal.Domain.PromQl;
using Portal.Domain.RuleFiles;

namespace Portal.Domain.Incidents;

/// <summary>
/// The <c>{{name}}</c> placeholders of incident templates: <c>alert.name</c>, <c>alert.labels.&lt;label&gt;</c>,
/// <c>alert.value</c>, <c>alert.startsAt</c>, <c>rule.expr</c>, <c>rule.threshold</c>, <c>rule.for</c>,
/// <c>runbook.url</c>, <c>severity</c>, <c>incident.timeline</c>, <c>incident.actions</c>, <c>now</c>.
/// Deliberately not a template language: no logic, so a template cannot loop or fail at render time.
/// </summary>
/// <remarks>
/// One forward scan serves both methods. From each <c>{{</c> it looks at most
/// <see cref="IncidentLimits.MaxPlaceholderLength"/> characters for the closing <c>}}</c>, and gives up at a line break
/// or another <c>{{</c>, so hostile input (thousands of <c>{{</c>, a body of <c>{</c>) costs linear time. Rendering
/// writes values into the output and never scans the output again: a label value holding <c>{{now}}</c> stays text.
/// </remarks>
public static class Placeholders
{
    public const string LabelsPrefix = "alert.labels.";

    /// <summary>Every name a template may use, as the editor lists them (labels as <c>alert.labels.&lt;label&gt;</c>).</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "alert.name", LabelsPrefix + "<label>", "alert.value", "alert.startsAt", "rule.expr", "rule.threshold", "rule.for",
        "runbook.url", "severity", "incident.timeline", "incident.actions", "now",
    ];

    private static readonly HashSet<string> Plain = [.. Known.Where(k => !k.StartsWith(LabelsPrefix, StringComparison.Ordinal))];

    private static readonly string KnownList = string.Join(", ", Known);

    /// <summary>The problems of a template body, each naming the unknown placeholder with its line and column.</summary>
    public static IReadOnlyList<FieldError> Validate(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<FieldError>();
        if (body.Length > IncidentLimits.MaxTemplateBody)
        {
            errors.Add(new FieldError("body",
                $"The template has {body.Length:N0} characters; at most {IncidentLimits.MaxTemplateBody:N0}."));
            return errors;
        }

        var problems = 0;
        Scan(body, (token, _) =>
        {
            if (Problem(token) is not { } message)
            {
                return;
            }

            problems++;
            if (problems <= IncidentLimits.MaxPlaceholderErrors)
            {
                errors.Add(new FieldError("body", message, token.Position));
            }
        });
        if (problems > IncidentLimits.MaxPlaceholderErrors)
        {
            errors.Add(new FieldError("body",
                $"… and {problems - IncidentLimits.MaxPlaceholderErrors:N0} more placeholder problems."));
        }

        return errors;
    }

    /// <summary>The body with every placeholder filled; a value that is not known (no alert, no rule) reads as a visible gap.</summary>
    /// <remarks>
    /// Text that is not a known placeholder is kept as written, so a template saved before a check existed still
    /// shows its mistake. The result stops at <see cref="IncidentLimits.MaxRenderedOutput"/> characters.
    /// </remarks>
    public static string Render(string body, PlaceholderContext context)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(context);
        var output = new StringBuilder(Math.Min(body.Length + 1024, IncidentLimits.MaxRenderedOutput));
        var values = new Values(context);
        var cut = false;
        Scan(body, (token, text) =>
        {
            if (cut)
            {
                return;
            }

            var piece = token.Name is { } name && Problem(token) is null ? values.Of(name).AsSpan() : text;
            var room = IncidentLimits.MaxRenderedOutput - output.Length;
            if (piece.Length > room)
            {
                // Keep what fits, so a long writeup loses its end rather than everything after its last placeholder.
                var keep = room > 0 && char.IsHighSurrogate(piece[room - 1]) ? room - 1 : room;
                output.Append(piece[..keep]);
                cut = true;
                return;
            }

            output.Append(piece);
        });
        if (cut)
        {
            output.Append("\n\n_(cut here: the writeup would be longer than ")
                .Append(IncidentLimits.MaxRenderedOutput.ToString("N0", CultureInfo.InvariantCulture))
                .Append(" characters)_\n");
        }

        return output.ToString();
    }

    /// <summary>A piece of the body: plain text (no name), a placeholder (its trimmed name), or an unclosed <c>{{</c>.</summary>
    private readonly record struct Token(string? Name, bool Unclosed, Position Position);

    private delegate void TokenHandler(Token token, ReadOnlySpan<char> text);

    private static void Scan(string body, TokenHandler handle)
    {
        var line = 1;
        var lineStart = 0;
        var textStart = 0;
        var i = 0;
        while (i < body.Length)
        {
            var open = body.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            // Lines are counted over the stretch just passed, once: positions cost nothing extra per placeholder.
            for (var k = i; k < open; k++)
            {
                if (body[k] == '\n')
                {
                    line++;
                    lineStart = k + 1;
                }
            }

            var position = new Position(line, open - lineStart + 1);
            var close = Closing(body, open + 2);
            if (textStart < open)
            {
                handle(new Token(null, false, default), body.AsSpan(textStart, open - textStart));
            }

            if (close < 0)
            {
                handle(new Token(null, true, position), "{{");
                i = textStart = open + 2;
                continue;
            }

            var name = body.AsSpan(open + 2, close - open - 2).Trim(" \t").ToString();
            handle(new Token(name, false, position), body.AsSpan(open, close + 2 - open));
            i = textStart = close + 2;
        }

        if (textStart < body.Length)
        {
            handle(new Token(null, false, default), body.AsSpan(textStart));
        }
    }

    /// <summary>Where the <c>}}</c> closing a placeholder starts, or -1 when the line, the bound or another <c>{{</c> comes first.</summary>
    private static int Closing(string body, int from)
    {
        var end = Math.Min(body.Length - 1, from + IncidentLimits.MaxPlaceholderLength);
        for (var j = from; j < end; j++)
        {
            var c = body[j];
            if (c == '}' && body[j + 1] == '}')
            {
                return j;
            }

            if (c is '\n' or '\r' || (c == '{' && body[j + 1] == '{'))
            {
                return -1;
            }
        }

        return -1;
    }

    private static string? Problem(Token token)
    {
        if (token.Unclosed)
        {
            return "\"{{\" is not closed: a placeholder ends with \"}}\" on the same line, e.g. {{alert.name}}.";
        }

        if (token.Name is not { } name)
        {
            return null;
        }

        if (Plain.Contains(name))
        {
            return null;
        }

        if (name.StartsWith(LabelsPrefix, StringComparison.Ordinal))
        {
            var label = name[LabelsPrefix.Length..];
            return PrometheusNames.IsValidLabelName(label)
                ? null
                : $"\"{Shown(label)}\" in {{{{{Shown(name)}}}}} is not a label name: it starts with a letter or '_' and holds only letters, digits and '_'.";
        }

        return $"unknown placeholder {{{{{Shown(name)}}}}}; known: {KnownList}.";
    }

    private static string Shown(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>The values of one render; the long ones (timeline, actions) are written once however often the template names them.</summary>
    private sealed class Values(PlaceholderContext context)
    {
        private string? _timeline;
        private string? _actions;

        public string Of(string name)
        {
            var alert = context.Alert;
            var rule = context.Rule;
            if (name.StartsWith(LabelsPrefix, StringComparison.Ordinal))
            {
                var label = name[LabelsPrefix.Length..];
                return alert is null ? NoAlert
                    : alert.Labels.TryGetValue(label, out var value) && value.Length > 0 ? value
                    : $"_(no {label} label)_";
            }

            return name switch
            {
                "alert.name" => alert?.Name is { Length: > 0 } alertName ? alertName : NoAlert,
                "alert.value" => alert is null ? NoAlert : alert.Value is { } v ? IncidentText.Measured(v) : "_(no value)_",
                "alert.startsAt" => alert is null ? NoAlert : alert.StartsAt is { } at ? IncidentText.Time(at) : "_(start unknown)_",
                "rule.expr" => rule?.Expression ?? NoRule,
                "rule.threshold" => rule is null ? NoRule
                    : rule.Threshold is { } t ? IncidentText.Number(t) : "_(no single threshold)_",
                "rule.for" => rule is null ? NoRule : IncidentText.Duration(rule.For),
                "runbook.url" => context.RunbookUrl is { Length: > 0 } url ? url
                    : rule?.RunbookUrl is { Length: > 0 } ruleUrl ? ruleUrl : "_(no runbook)_",
                "severity" => string.IsNullOrWhiteSpace(context.Severity) ? "_(no severity)_" : context.Severity,
                "incident.timeline" => _timeline ??= Build(b => IncidentText.AppendTimeline(b, context.Timeline)),
                "incident.actions" => _actions ??= Build(b => IncidentText.AppendActions(b, context.Actions)),
                "now" => IncidentText.Time(context.Now),
                _ => throw new InvalidOperationException($"No value for the known placeholder {name}."),
            };
        }

        private const string NoAlert = "_(no alert)_";
        private const string NoRule = "_(no rule)_";

        private static string Build(Action<StringBuilder> write)
        {
            var builder = new StringBuilder();
            write(builder);
            return builder.ToString();
        }
    }
}
