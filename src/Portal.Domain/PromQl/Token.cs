namespace Portal.Domain.PromQl;

/// <summary>One lexical token with its place in the source (offsets into the text, end exclusive).</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Start, int End);
