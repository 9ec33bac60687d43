namespace Portal.Domain.PromQl;

/// <summary>Why an expression is not valid PromQL, and where.</summary>
public sealed record ParseError(string Message, Position Position, TextSpan Span)
{
    /// <summary>True when the expression is too large (<see cref="PromQlLimits"/>): callers answer it as a refusal, not a typo.</summary>
    public bool ExceedsLimit { get; init; }

    public override string ToString() => $"{Position}: parse error: {Message}";
}
