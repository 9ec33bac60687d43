using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
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

    // The sanitizer's own parser is set up for CSS: every document it parses builds a style engine, which doubled
    // the time of a 100 KB runbook. No style attribute or element is allowed here, so a plain HTML parser serves; with
    // scripting on, as in the browser that shows the page (noscript content is then raw text, as there). The sanitizer
    // shares its default parser between threads the same way.
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = true }, BrowsingContext.New(Configuration.Default));

    // What HtmlSanitizer.Sanitize puts before a fragment to parse it as a document body.
    private const string DocumentStart = "<!doctype html><html><body>";

    /// <summary>
    /// Where <see cref="SanitizeAndCut"/> cuts the sanitized HTML (a live block goes there). No Markdown can write this
    /// element: raw HTML is off and the renderer writes no other div.
    /// </summary>
    public const string Cut = "<div class=\"runbook-live-slot\"></div>";

    private const string CutClass = "runbook-live-slot";

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    /// <summary>
    /// A writer for the HTML <see cref="SanitizeAndCut"/> takes, sized for the HTML of <paramref name="markdownLength"/>
    /// characters of Markdown. It starts with what makes the HTML a document body, so the HTML is not copied once more
    /// behind it.
    /// </summary>
    public static PooledCharWriter NewDocumentWriter(int markdownLength)
    {
        var writer = new PooledCharWriter(DocumentStart.Length + (2 * markdownLength) + 1024);
        writer.Write(DocumentStart);
        return writer;
    }

    /// <summary>
    /// Pieces of sanitized HTML longer than this are ended at the next top-level element: a string above ~42,500
    /// characters goes to the large-object heap, and a few of those per render cost a full collection.
    /// </summary>
    public const int PieceChars = 16 * 1024;

    /// <summary>
    /// The HTML written to <paramref name="document"/> (from <see cref="NewDocumentWriter"/>) through the allow-list
    /// in one pass, serialized in pieces, with a null where a top-level <see cref="Cut"/> stood. A piece ends at a cut
    /// or past <see cref="PieceChars"/>, always between top-level elements, without leading and trailing newlines; a
    /// piece of only whitespace is left out. Cutting the tree rather than the serialized string saves serializing the
    /// whole body into one string and copying it again into the pieces.
    /// </summary>
    public static List<string?> SanitizeAndCut(PooledCharWriter document)
    {
        using var dom = Parser.ParseDocument(document.Written);
        var body = dom.Body ?? throw new InvalidOperationException("The sanitizer's parser built no body.");
        Sanitizer.SanitizeDom(dom, body);

        var pieces = new List<string?>();
        var piece = new StringBuilder();
        using var writer = new StringWriter(piece, CultureInfo.InvariantCulture);
        foreach (var node in body.ChildNodes)
        {
            if (node is IElement { LocalName: "div", ChildNodes.Length: 0, Attributes.Length: 1 } div && div.GetAttribute("class") == CutClass)
            {
                AddTrimmed(pieces, piece);
                pieces.Add(null);
            }
            else
            {
                node.ToHtml(writer, Sanitizer.OutputFormatter);
                if (piece.Length > PieceChars)
                {
                    AddTrimmed(pieces, piece);
                }
            }
        }

        AddTrimmed(pieces, piece);
        return pieces;
    }

    private static void AddTrimmed(List<string?> pieces, StringBuilder piece)
    {
        if (Trimmed(piece) is { Length: > 0 } text)
        {
            pieces.Add(text);
        }

        piece.Clear();
    }

    private static string Trimmed(StringBuilder piece)
    {
        var start = 0;
        var end = piece.Length;
        var blank = true;
        for (var i = 0; i < piece.Length && blank; i++)
        {
            blank = char.IsWhiteSpace(piece[i]);
        }

        if (blank)
        {
            return "";
        }

        while (piece[start] == '\n')
        {
            start++;
        }

        while (piece[end - 1] == '\n')
        {
            end--;
        }

        return piece.ToString(start, end - start);
    }

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

        var sanitizer = new HtmlSanitizer(options) { AllowDataAttributes = false, HtmlParserFactory = () => Parser };

        // Once per document rather than once per node: a per-node handler makes the sanitizer normalize the document
        // and raise an event for every text node too, which cost as much as the rest of the allow-list.
        sanitizer.PostProcessDom += (_, e) =>
        {
            if (e.Document.Body is { } body)
            {
                PostProcessChildren(body);
            }
        };
        return sanitizer;
    }

    private static void PostProcessChildren(INode parent)
    {
        List<IElement>? removed = null;
        var children = parent.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is not IElement element)
            {
                continue;
            }

            if (PostProcess(element))
            {
                PostProcessChildren(element);
            }
            else
            {
                (removed ??= []).Add(element);
            }
        }

        foreach (var element in removed ?? [])
        {
            parent.RemoveChild(element);
        }
    }

    /// <summary>Applies the rules below the sanitizer's allow-list to one element; false when the element must go.</summary>
    private static bool PostProcess(IElement element)
    {
        // Most elements of a runbook (paragraphs, list items, table cells) carry no attribute at all.
        if (element.Attributes.Length == 0)
        {
            return element.LocalName != "input";
        }

        if (element.GetAttribute("class") is { } classes)
        {
            KeepAllowedClasses(element, classes);
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
                return false;
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
                RemoveOutOfPlaceAttributes(element);
                break;
        }

        return true;
    }

    private static void KeepAllowedClasses(IElement element, string classes)
    {
        // The renderer writes one class per element; only a list of them needs taking apart.
        if (classes.Length > 0 && !classes.Contains(' ', StringComparison.Ordinal) && AllowedClass().IsMatch(classes))
        {
            return;
        }

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

    private static void RemoveOutOfPlaceAttributes(IElement element)
    {
        List<string>? names = null;
        foreach (var attribute in element.Attributes)
        {
            if (attribute.Name is "rel" or "type" or "checked" or "disabled" || (attribute.Name == "start" && element.LocalName != "ol"))
            {
                (names ??= []).Add(attribute.Name);
            }
        }

        foreach (var name in names ?? [])
        {
            element.RemoveAttribute(name);
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
