using System.Text;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Portal.Domain.Runbooks;

/// <summary>
/// Code blocks as <c>&lt;pre&gt;&lt;code class="language-x"&gt;</c>: PromQL coloured by the portal's lexer, every other
/// language escaped as it stands (the page needs no highlighting script).
/// </summary>
internal sealed class RunbookCodeBlockRenderer : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock obj)
    {
        var language = obj is FencedCodeBlock fence ? RunbookMarkdown.Language(fence) : null;
        var code = RunbookMarkdown.CodeOf(obj);
        renderer.EnsureLine();
        renderer.Write(language is null ? "<pre><code>" : $"<pre><code class=\"language-{language}\">");
        if (language == "promql")
        {
            var html = new StringBuilder(code.Length * 2);
            PromQlHighlighter.Write(html, code);
            renderer.Write(html.ToString());
        }
        else
        {
            renderer.WriteEscape(code);
        }

        renderer.Write("</code></pre>");
        renderer.WriteLine();
    }
}
