namespace Portal.Domain.Runbooks;

/// <summary>
/// Markdown to safe HTML for runbooks. Owned by the rendering work of issue 16; this placeholder only escapes the
/// text so pages can be built against the signature.
/// </summary>
public static class RunbookMarkdown
{
    public static RenderedRunbook Render(string markdown) =>
        new([new RunbookPart("<pre>" + System.Net.WebUtility.HtmlEncode(markdown) + "</pre>", null)], []);
}
