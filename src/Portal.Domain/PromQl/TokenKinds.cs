namespace Portal.Domain.PromQl;

internal static class TokenKinds
{
    public static readonly IReadOnlyDictionary<string, TokenKind> Keywords = new Dictionary<string, TokenKind>(StringComparer.Ordinal)
    {
        ["and"] = TokenKind.And, ["or"] = TokenKind.Or, ["unless"] = TokenKind.Unless, ["atan2"] = TokenKind.Atan2,
        ["by"] = TokenKind.By, ["without"] = TokenKind.Without, ["on"] = TokenKind.On, ["ignoring"] = TokenKind.Ignoring,
        ["group_left"] = TokenKind.GroupLeft, ["group_right"] = TokenKind.GroupRight, ["bool"] = TokenKind.Bool,
        ["offset"] = TokenKind.Offset, ["start"] = TokenKind.Start, ["end"] = TokenKind.End,
        ["sum"] = TokenKind.Sum, ["avg"] = TokenKind.Avg, ["count"] = TokenKind.Count, ["min"] = TokenKind.Min,
        ["max"] = TokenKind.Max, ["group"] = TokenKind.Group, ["stddev"] = TokenKind.Stddev, ["stdvar"] = TokenKind.Stdvar,
        ["topk"] = TokenKind.Topk, ["bottomk"] = TokenKind.Bottomk, ["count_values"] = TokenKind.CountValues,
        ["quantile"] = TokenKind.Quantile,
    };

    public static bool IsAggregator(TokenKind kind) => kind is >= TokenKind.Sum and <= TokenKind.Quantile;

    public static bool IsKeyword(TokenKind kind) => kind >= TokenKind.And;

    public static bool IsComparison(TokenKind kind) => kind is >= TokenKind.Eql and <= TokenKind.Gte;

    public static bool IsSetOperator(TokenKind kind) => kind is TokenKind.And or TokenKind.Or or TokenKind.Unless;

    public static bool IsBinaryOperator(TokenKind kind) => kind is >= TokenKind.Add and <= TokenKind.Atan2;

    /// <summary>Prometheus' precedence, loosest first: or; and unless; comparisons; + -; * / % atan2; ^.</summary>
    public static int Precedence(TokenKind kind) => kind switch
    {
        TokenKind.Or => 1,
        TokenKind.And or TokenKind.Unless => 2,
        TokenKind.Eql or TokenKind.Neq or TokenKind.Lss or TokenKind.Lte or TokenKind.Gtr or TokenKind.Gte => 3,
        TokenKind.Add or TokenKind.Sub => 4,
        TokenKind.Mul or TokenKind.Div or TokenKind.Mod or TokenKind.Atan2 => 5,
        TokenKind.Pow => 6,
        _ => 0,
    };

    /// <summary>Keywords that may still name a metric where an expression starts (`sum`, `offset`, ...).</summary>
    public static bool CanNameMetric(TokenKind kind) =>
        IsAggregator(kind) || kind is TokenKind.By or TokenKind.Without or TokenKind.And or TokenKind.Or
            or TokenKind.Unless or TokenKind.Offset or TokenKind.Start or TokenKind.End;

    public static string Symbol(TokenKind kind) => kind switch
    {
        TokenKind.Add => "+", TokenKind.Sub => "-", TokenKind.Mul => "*", TokenKind.Div => "/", TokenKind.Mod => "%",
        TokenKind.Pow => "^", TokenKind.Eql => "==", TokenKind.Neq => "!=", TokenKind.Lss => "<", TokenKind.Lte => "<=",
        TokenKind.Gtr => ">", TokenKind.Gte => ">=", TokenKind.Assign => "=", TokenKind.EqlRegex => "=~",
        TokenKind.NeqRegex => "!~",
        _ => Keywords.FirstOrDefault(k => k.Value == kind).Key ?? kind.ToString(),
    };
}
