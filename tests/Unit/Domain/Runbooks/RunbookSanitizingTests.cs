using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Portal.Domain.Runbooks;

namespace Portal.Tests.Unit.Domain.Runbooks;

/// <summary>The XSS corpus (xss-payloads.txt) through the whole renderer: what comes out is harmless markup.</summary>
public partial class RunbookSanitizingTests
{
    private static readonly string[] ForbiddenElements = ["script", "style", "iframe", "object", "embed", "form", "svg", "math", "base", "link", "meta", "frame", "frameset", "source", "video", "audio", "textarea", "button", "select"];

    public static TheoryData<string> Payloads()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Domain", "Runbooks", "xss-payloads.txt")))
        {
            if (line.Length > 0 && !line.StartsWith("#!", StringComparison.Ordinal))
            {
                data.Add(line);
            }
        }

        return data;
    }

    [Fact]
    public void Corpus_HoldsAtLeastSixtyPayloads() => Assert.True(Payloads().Count >= 60, $"only {Payloads().Count} payloads");

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Render_HostilePayload_ComesOutHarmless(string payload)
    {
        var html = string.Concat(RunbookMarkdown.Render(Unescape(payload)).Parts.Select(p => p.Html ?? ""));

        AssertHarmless(html);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Render_HostilePayloadAmongOrdinaryMarkdown_LeavesTheOrdinaryMarkdownRendered(string payload)
    {
        var html = string.Concat(RunbookMarkdown.Render($"## Before\n\n{Unescape(payload)}\n\n## After\n\n- [ ] step **one**\n").Parts.Select(p => p.Html ?? ""));

        AssertHarmless(html);
        // A payload that is itself a # heading moves the others one level down (the page keeps its one h1).
        Assert.Matches("<h([23]) id=\"after\">After</h\\1>", html);
        Assert.Contains("<strong>one</strong>", html);
    }

    private static void AssertHarmless(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(OnAttributeInTag(), html);

        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, ForbiddenElements);
            if (element.LocalName == "input")
            {
                Assert.Equal("checkbox", element.GetAttribute("type"));
                Assert.True(element.HasAttribute("disabled"), "a task-list checkbox must be disabled");
            }

            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"<{element.LocalName} {attribute.Name}> in {html}");
                Assert.NotEqual("style", attribute.Name);
                Assert.NotEqual("srcset", attribute.Name);
                if (attribute.Name is "href" or "src")
                {
                    AssertSafeUrl(attribute.Value, html);
                }
            }
        }
    }

    // The value as a browser reads it: entities are already decoded by the parser; browsers drop C0 controls and
    // spaces around a URL and tabs and newlines inside it before they look for the scheme.
    private static void AssertSafeUrl(string value, string html)
    {
        var seen = new StringBuilder();
        foreach (var c in value.Trim('\0', ' ', '\t', '\n', '\r', '\f', '\u0001', '\u0002', '\u0003', '\u0004', '\u0005', '\u0006', '\u0007', '\b', '\v', '\u000e', '\u000f',
                     '\u0010', '\u0011', '\u0012', '\u0013', '\u0014', '\u0015', '\u0016', '\u0017', '\u0018', '\u0019', '\u001a', '\u001b', '\u001c', '\u001d', '\u001e', '\u001f'))
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                seen.Append(char.ToLowerInvariant(c));
            }
        }

        var url = seen.ToString();
        var scheme = Scheme().Match(url);
        if (scheme.Success)
        {
            Assert.Contains(scheme.Groups[1].Value, new[] { "http", "https", "mailto" });
        }

        Assert.DoesNotContain("javascript:", url);
        Assert.DoesNotContain("vbscript:", url);
        Assert.False(url.StartsWith("data:", StringComparison.Ordinal), $"data: URL in {html}");
    }

    private static string Unescape(string payload)
    {
        var text = new StringBuilder();
        for (var i = 0; i < payload.Length; i++)
        {
            if (payload[i] == '\\' && i + 1 < payload.Length)
            {
                switch (payload[i + 1])
                {
                    case 'n':
                        text.Append('\n');
                        i++;
                        continue;
                    case 't':
                        text.Append('\t');
                        i++;
                        continue;
                    case 'u' when i + 5 < payload.Length:
                        text.Append((char)int.Parse(payload.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 5;
                        continue;
                }
            }

            text.Append(payload[i]);
        }

        return text.ToString();
    }

    // A tag, its attributes with their quoted values read whole (so text inside a title is not taken for an attribute), then on*=.
    [GeneratedRegex(@"<[a-zA-Z][\w-]*(\s+[^\s=>/""']+(\s*=\s*(""[^""]*""|'[^']*'|[^\s>""'][^\s>]*))?)*\s+on[a-zA-Z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex OnAttributeInTag();

    [GeneratedRegex(@"^([a-z][a-z0-9+.\-]*):")]
    private static partial Regex Scheme();
}
