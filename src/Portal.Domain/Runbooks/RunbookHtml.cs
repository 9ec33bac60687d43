using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace Portal.Domain.Runbooks;

/// <summary>
/// The allow-list every piece of runbook HTML passes before it reaches a page. Markdig already refuses raw HTML, so
/// this is the second wall: whatever a Markdig extension or a crafted link produces, only plain document markup with
/// http/https/mailto/relative links comes out.
/// </summary>
internal static partial class RunbookHtml
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    // Classes the renderer itself writes; a class from anywhere else is dropped, so no text can borrow the portal's
    // own layout classes (a fixed-position overlay, say) to dress itself up as the UI.
    [GeneratedRegex("^(language-[a-z0-9+#-]{1,32}|pql-[a-z]{1,16}|task-list-item|contains-task-list|task-list-item-checkbox|runbook-note|runbook-live-slot|align-(left|center|right))$")]
    private static partial Regex AllowedClass();

    [GeneratedRegex(@"text-align:\s*(left|center|right)")]
    private static partial Regex TextAlign();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var options = HtmlSanitizerOptions.Empty();
        foreach (var tag in new[]
                 {
                     "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "s", "code", "pre", "span",
                     "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "input", "div",
                     "sup", "sub", "kbd", "dl", "dt", "dd",
                 })
        {
            options.AllowedTags.Add(tag);
        }

        foreach (var attribute in new[] { "href", "src", "alt", "title", "id", "class", "rel", "start", "type", "checked", "disabled", "aria-label" })
        {
            options.AllowedAttributes.Add(attribute);
        }

        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            options.AllowedSchemes.Add(scheme);
        }

        options.UriAttributes.Add("href");
        options.UriAttributes.Add("src");

        var sanitizer = new HtmlSanitizer(options) { AllowDataAttributes = false };

        // Markdig aligns table cells with a style attribute, which is not allowed; keep the alignment as a class.
        sanitizer.RemovingAttribute += (_, e) =>
        {
            if (e.Attribute.Name == "style" && e.Tag.LocalName is "th" or "td" && TextAlign().Match(e.Attribute.Value) is { Success: true } m)
            {
                e.Tag.ClassList.Add("align-" + m.Groups[1].Value);
            }
        };
        sanitizer.PostProcessNode += (_, e) => PostProcess(e.Node);
        return sanitizer;
    }

    private static void PostProcess(INode node)
    {
        // Most elements of a runbook (paragraphs, list items, the spans of highlighted PromQL) carry at most a class.
        if (node is not IElement element || element.Attributes.Length == 0)
        {
            return;
        }

        var classes = element.GetAttribute("class");
        if (classes is not null)
        {
            var kept = string.Join(' ', classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(c => AllowedClass().IsMatch(c)));
            if (kept.Length == 0)
            {
                element.RemoveAttribute("class");
            }
            else if (kept != classes)
            {
                element.SetAttribute("class", kept);
            }
        }

        switch (element.LocalName)
        {
            // The only input a runbook may hold is a task list's tick box, and it never takes input.
            case "input" when element.GetAttribute("type") == "checkbox":
                element.SetAttribute("disabled", "disabled");
                // A tick box without a name is announced as nothing; say what it shows.
                element.SetAttribute("aria-label", element.HasAttribute("checked") ? "done" : "not done");
                break;
            case "input":
                element.Parent?.RemoveChild(element);
                break;
            case "a":
                var href = element.GetAttribute("href");
                if (href is not null && IsExternal(href))
                {
                    // A runbook may link anywhere; it must not hand that page our window or vouch for it to crawlers.
                    element.SetAttribute("rel", "noopener noreferrer nofollow");
                }
                else
                {
                    element.RemoveAttribute("rel");
                }

                break;
            default:
                // rel, start, type, checked and disabled are allowed for the elements above (and ol's start) only.
                foreach (var name in element.Attributes.Select(a => a.Name).Where(n => n is "rel" or "type" or "checked" or "disabled" || (n == "start" && element.LocalName != "ol")).ToList())
                {
                    element.RemoveAttribute(name);
                }

                break;
        }
    }

    /// <summary>Anything but a fragment or a path on this site; <c>//host</c> and <c>/\host</c> count as other sites, as browsers read them.</summary>
    private static bool IsExternal(string href)
    {
        var h = href.TrimStart();
        if (h.StartsWith('#'))
        {
            return false;
        }

        if (h.StartsWith('/') || h.StartsWith('\\'))
        {
            return h[0] == '\\' || (h.Length > 1 && h[1] is '/' or '\\');
        }

        return h.Contains(':', StringComparison.Ordinal);
    }
}
