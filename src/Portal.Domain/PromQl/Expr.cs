namespace Portal.Domain.PromQl;

/// <summary>A node of a parsed PromQL expression. Every node knows where it came from in the text.</summary>
public abstract record Expr(TextSpan Span)
{
    public abstract PromQlType Type { get; }
}
