namespace Portal.Domain.PromQl;

public sealed record LabelMatcher(string Name, MatchOp Op, string Value, TextSpan Span);
