using Portal.Domain.PromQl;

namespace Portal.Domain.Tuning;

/// <summary>The comparison operators of an alert condition, as <see cref="TokenKind"/>s.</summary>
public static class Comparisons
{
    public static bool IsComparison(TokenKind kind) => TokenKinds.IsComparison(kind);

    public static string Symbol(TokenKind kind) => TokenKinds.Symbol(kind);

    /// <summary>The operator for a symbol as the catalog stores it (<c>"&gt;"</c>, <c>"&lt;="</c>, ...).</summary>
    public static TokenKind FromSymbol(string symbol) => symbol switch
    {
        ">" => TokenKind.Gtr,
        ">=" => TokenKind.Gte,
        "<" => TokenKind.Lss,
        "<=" => TokenKind.Lte,
        "==" => TokenKind.Eql,
        "!=" => TokenKind.Neq,
        _ => throw new ArgumentException($"\"{symbol}\" is not a comparison operator.", nameof(symbol)),
    };

    /// <summary>
    /// Prometheus compares with Go's float operators, and so do these: NaN fails every comparison except
    /// <c>!=</c>, which it passes (a NaN sample makes <c>x != 5</c> hold).
    /// </summary>
    public static bool Holds(TokenKind op, double value, double threshold) => op switch
    {
        TokenKind.Gtr => value > threshold,
        TokenKind.Gte => value >= threshold,
        TokenKind.Lss => value < threshold,
        TokenKind.Lte => value <= threshold,
        TokenKind.Eql => value == threshold,
        TokenKind.Neq => value != threshold,
        _ => throw new ArgumentException($"{op} is not a comparison operator.", nameof(op)),
    };
}
