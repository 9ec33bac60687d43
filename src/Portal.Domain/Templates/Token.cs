namespace Portal.Domain.Templates;

/// <summary>One token; Pos is a char index into the template, Line is 1-based.</summary>
internal readonly record struct Token(TokenType Type, int Pos, string Val, int Line)
{
    /// <summary>Go's item.String(), which parse errors quote.</summary>
    public override string ToString() => Type switch
    {
        TokenType.Eof => "EOF",
        TokenType.Error => Val,
        > TokenType.Keyword => $"<{Val}>",
        _ when Val.Length > 10 => GoText.Quote(Val[..10]) + "...",
        _ => GoText.Quote(Val),
    };
}
