namespace Portal.Domain.PromQl;

/// <summary>Thrown inside the lexer and parser only; the public API returns <see cref="ParseError"/>.</summary>
internal sealed class PromQlSyntaxException(string message, int offset, int end = -1) : Exception(message)
{
    /// <summary>The text is refused for its size (<see cref="PromQlLimits"/>), not for a mistake in it.</summary>
    public bool ExceedsLimit { get; init; }

    public int Offset { get; } = offset;

    public int End { get; } = end < 0 ? offset : end;
}
