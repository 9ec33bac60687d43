namespace Portal.Domain.PromQl;

/// <summary>The four types of PromQL values, named as Prometheus names them in its errors.</summary>
public enum PromQlType
{
    Scalar,
    Vector,
    Matrix,
    String,
}

/// <summary>A half-open range of offsets into the parsed text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>A node of a parsed PromQL expression. Every node knows where it came from in the text.</summary>
public abstract record Expr(TextSpan Span)
{
    public abstract PromQlType Type { get; }
}

public sealed record NumberLiteral(double Value, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Scalar;
}

public sealed record StringLiteral(string Value, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.String;
}

public enum MatchOp
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

public sealed record LabelMatcher(string Name, MatchOp Op, string Value, TextSpan Span);

/// <summary>Where an `@` modifier pins evaluation: a fixed timestamp, or the query's start or end.</summary>
public sealed record AtModifier(double? Timestamp, TokenKind? Preprocessor);

public sealed record VectorSelector(
    string? Name,
    IReadOnlyList<LabelMatcher> Matchers,
    TimeSpan Offset,
    AtModifier? At,
    TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Vector;
}

public sealed record MatrixSelector(VectorSelector Selector, TimeSpan Range, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Matrix;
}

public sealed record SubqueryExpr(Expr Inner, TimeSpan Range, TimeSpan? Step, TimeSpan Offset, AtModifier? At, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Matrix;
}

public sealed record ParenExpr(Expr Inner, TextSpan Span) : Expr(Span)
{
    // Stored, not computed: asking a deep tree for its type must not walk it every time.
    public override PromQlType Type { get; } = Inner.Type;
}

public sealed record UnaryExpr(TokenKind Op, Expr Operand, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type { get; } = Operand.Type;
}

public sealed record Call(PromQlFunction Function, IReadOnlyList<Expr> Args, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => Function.ReturnType;
}

public sealed record AggregateExpr(
    TokenKind Op,
    Expr Argument,
    Expr? Parameter,
    IReadOnlyList<string> Grouping,
    bool Without,
    bool HasGrouping,
    TextSpan Span) : Expr(Span)
{
    public override PromQlType Type => PromQlType.Vector;
}

public enum VectorMatchCardinality
{
    OneToOne,
    ManyToOne,
    OneToMany,
    ManyToMany,
}

/// <summary>How the two sides of a binary operation between vectors are matched (`on`, `ignoring`, `group_x`).</summary>
public sealed record VectorMatching(
    VectorMatchCardinality Card,
    IReadOnlyList<string> MatchingLabels,
    bool On,
    IReadOnlyList<string> Include,
    bool HasModifier);

public sealed record BinaryExpr(TokenKind Op, Expr Lhs, Expr Rhs, VectorMatching? Matching, bool ReturnBool, TextSpan Span) : Expr(Span)
{
    public override PromQlType Type { get; } =
        Lhs.Type == PromQlType.Scalar && Rhs.Type == PromQlType.Scalar ? PromQlType.Scalar : PromQlType.Vector;
}
