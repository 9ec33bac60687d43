using System.Net;
using System.Text;
using Portal.Domain.PromQl;

namespace Portal.Domain.Runbooks;

/// <summary>
/// PromQL as HTML spans, classed by the portal's own lexer, so a runbook's queries are coloured exactly as the parser
/// reads them, on the server, with no script in the browser.
/// </summary>
internal static class PromQlHighlighter
{
    public static void Write(StringBuilder html, string query)
    {
        var tokens = Lexer.TokenizePrefix(query);
        var at = 0;
        var braces = 0;
        var grouping = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Eof)
            {
                break;
            }

            WriteGap(html, query[at..token.Start]);
            if (token.Kind == TokenKind.LeftBrace)
            {
                braces++;
            }
            else if (token.Kind == TokenKind.RightBrace)
            {
                braces = Math.Max(0, braces - 1);
            }

            // The label lists of by/without/on/ignoring/group_left/group_right hold label names, as braces do.
            if (token.Kind == TokenKind.LeftParen && i > 0 && tokens[i - 1].Kind is TokenKind.By or TokenKind.Without or TokenKind.On
                    or TokenKind.Ignoring or TokenKind.GroupLeft or TokenKind.GroupRight)
            {
                grouping = true;
            }
            else if (token.Kind == TokenKind.RightParen)
            {
                grouping = false;
            }

            var next = i + 1 < tokens.Count ? tokens[i + 1].Kind : TokenKind.Eof;
            var cls = Class(token.Kind, braces > 0 || grouping, next);
            if (cls is null)
            {
                html.Append(WebUtility.HtmlEncode(token.Text));
            }
            else
            {
                html.Append("<span class=\"pql-").Append(cls).Append("\">").Append(WebUtility.HtmlEncode(token.Text)).Append("</span>");
            }

            at = token.End;
        }

        // What the lexer could not read (after a mistake) stays plain text.
        WriteGap(html, query[at..]);
    }

    // Between tokens stand only whitespace and comments.
    private static void WriteGap(StringBuilder html, string gap)
    {
        var from = 0;
        while (from < gap.Length)
        {
            var hash = gap.IndexOf('#', from);
            if (hash < 0)
            {
                html.Append(WebUtility.HtmlEncode(gap[from..]));
                return;
            }

            html.Append(WebUtility.HtmlEncode(gap[from..hash]));
            var end = gap.IndexOf('\n', hash);
            end = end < 0 ? gap.Length : end;
            html.Append("<span class=\"pql-comment\">").Append(WebUtility.HtmlEncode(gap[hash..end])).Append("</span>");
            from = end;
        }
    }

    private static string? Class(TokenKind kind, bool inBraces, TokenKind next) => kind switch
    {
        TokenKind.MetricIdentifier => "metric",
        TokenKind.Identifier when inBraces => "label",
        TokenKind.Identifier when next == TokenKind.LeftParen => "function",
        TokenKind.Identifier => "metric",
        TokenKind.Number => "number",
        TokenKind.Duration => "duration",
        TokenKind.String => "string",
        >= TokenKind.By => "keyword",
        TokenKind.And or TokenKind.Or or TokenKind.Unless or TokenKind.Atan2 => "keyword",
        >= TokenKind.Add => "operator",
        TokenKind.Assign or TokenKind.EqlRegex or TokenKind.NeqRegex => "operator",
        _ => null,
    };
}
