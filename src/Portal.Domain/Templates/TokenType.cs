namespace Portal.Domain.Templates;

internal enum TokenType
{
    Error, Bool, Char, CharConstant, Complex, Assign, Declare, Eof, Field, Identifier, LeftDelim,
    LeftParen, Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
    // Keywords follow; the parser prints them as <word> in error messages.
    Keyword, Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
}
