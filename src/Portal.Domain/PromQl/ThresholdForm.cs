using System.Globalization;

namespace Portal.Domain.PromQl;

/// <summary>
/// An alert expression of the form <c>query OP number</c> (or <c>number OP query</c>, read flipped):
/// the threshold is data that can be tuned, and rewritten without touching the rest of the text.
/// </summary>
public sealed record ThresholdForm(
    string Expression,
    string Query,
    TokenKind Operator,
    double Threshold,
    TextSpan QuerySpan,
    TextSpan ThresholdSpan,
    bool Flipped)
{
    /// <summary>The operator as written for <c>query OP threshold</c>, e.g. "&gt;".</summary>
    public string OperatorSymbol => TokenKinds.Symbol(Operator);

    /// <summary>Finds the threshold form of an expression, or null when it has none.</summary>
    public static ThresholdForm? Find(string expression)
    {
        var parsed = PromQlParser.Parse(expression);
        if (!parsed.IsValid || parsed.Expr is not BinaryExpr { ReturnBool: false } binary || !TokenKinds.IsComparison(binary.Op))
        {
            return null;
        }

        var lhsConstant = Constant(binary.Lhs);
        var rhsConstant = Constant(binary.Rhs);
        if (rhsConstant is { } threshold && lhsConstant is null && binary.Lhs.Type == PromQlType.Vector)
        {
            return new ThresholdForm(expression, expression[binary.Lhs.Span.Start..binary.Lhs.Span.End], binary.Op, threshold,
                binary.Lhs.Span, binary.Rhs.Span, false);
        }

        if (lhsConstant is { } flippedThreshold && rhsConstant is null && binary.Rhs.Type == PromQlType.Vector)
        {
            return new ThresholdForm(expression, expression[binary.Rhs.Span.Start..binary.Rhs.Span.End], Flip(binary.Op),
                flippedThreshold, binary.Rhs.Span, binary.Lhs.Span, true);
        }

        return null;
    }

    /// <summary>The same expression with another threshold; everything else stays byte for byte.</summary>
    public string WithThreshold(double threshold)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), "A threshold must be a number.");
        }

        return Expression[..ThresholdSpan.Start] + FormatThreshold(threshold) + Expression[ThresholdSpan.End..];
    }

    /// <summary>Builds <c>query OP threshold</c> from parts, the way the catalog stores thresholds.</summary>
    public static string Compose(string query, string op, double threshold) => $"{query} {op} {FormatThreshold(threshold)}";

    public static string FormatThreshold(double threshold) => threshold switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => threshold.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A number, or arithmetic of numbers such as <c>100 * 1024 * 1024</c>.</summary>
    internal static double? Constant(Expr expr) => Constant(expr, 0);

    // Recursive, so guarded: parsed trees are at most PromQlLimits.DefaultMaxDepth deep.
    private static double? Constant(Expr expr, int depth)
    {
        DepthGuard.Check(depth);
        return PromQlAst.Unwrap(expr) switch
        {
            NumberLiteral n => n.Value,
            UnaryExpr { Op: TokenKind.Sub } u when Constant(u.Operand, depth + 1) is { } v => -v,
            BinaryExpr b when Constant(b.Lhs, depth + 1) is { } l && Constant(b.Rhs, depth + 1) is { } r => b.Op switch
            {
                TokenKind.Add => l + r,
                TokenKind.Sub => l - r,
                TokenKind.Mul => l * r,
                TokenKind.Div => l / r,
                TokenKind.Pow => Math.Pow(l, r),
                _ => null,
            },
            _ => null,
        };
    }

    internal static TokenKind Flip(TokenKind op) => op switch
    {
        TokenKind.Lss => TokenKind.Gtr,
        TokenKind.Gtr => TokenKind.Lss,
        TokenKind.Lte => TokenKind.Gte,
        TokenKind.Gte => TokenKind.Lte,
        _ => op,
    };
}
