namespace Portal.Domain.RuleFiles;

/// <summary>What an expression checker found wrong; positions are 1-based within the expression.</summary>
public sealed record ExpressionProblem(string Message, int? Line = null, int? Column = null);
