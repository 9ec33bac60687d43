namespace Portal.Domain.PromQl;

public enum MatchOp
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}
