namespace Portal.Domain.PromQl;

/// <summary>Thrown inside the lexer and parser only; the public API returns <see cref="ParseError"/>.</summary>
internal sealed class PromQlSyntaxException(string message, int offset, int end = -1) : Exception(message)
{
    public int Offset { get; } = offset;

    public int End { get; } = end < 0 ? offset : end;
}

/// <summary>A 1-based line and column, as editors and Prometheus report them.</summary>
public readonly record struct Position(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";

    public static Position At(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new Position(line, offset - lineStart + 1);
    }
}

/// <summary>Why an expression is not valid PromQL, and where.</summary>
public sealed record ParseError(string Message, Position Position, TextSpan Span)
{
    public override string ToString() => $"{Position}: parse error: {Message}";
}

public sealed record ParseResult(Expr? Expr, ParseError? Error)
{
    public bool IsValid => Error is null;
}
