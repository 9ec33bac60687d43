namespace Portal.Domain.PromQl;

public sealed record ParseResult(Expr? Expr, ParseError? Error)
{
    public bool IsValid => Error is null;
}
