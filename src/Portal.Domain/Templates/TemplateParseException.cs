namespace Portal.Domain.Templates;

/// <summary>
/// A template syntax error: Go's message, the token it concerns (for the user) and the line Go
/// reports, which is that of the last token its lexer produced and can lie further on.
/// </summary>
internal sealed class TemplateParseException(string message, Token token, int goLine, bool overLimit = false) : Exception(message)
{
    public Token Token { get; } = token;

    public int GoLine { get; } = goLine;

    /// <summary>Go would parse this; the portal's nesting limit refuses it.</summary>
    public bool OverLimit { get; } = overLimit;
}
