namespace Portal.Domain.PromQl;

public sealed record Call(PromQlFunction Function, IReadOnlyList<Expr> Args, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => Function.ReturnType;
}
