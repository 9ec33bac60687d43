using System.Text;

namespace Portal.Domain.PromQl;

/// <summary>
/// The outcome of comparing a published expression with the one Prometheus reports it loaded: whether
/// they mean the same, and both in the portal's print (Prometheus' own spelling) for a message.
/// </summary>
/// <param name="ByText">True when one side was past the parser's limits and only whitespace-free text was compared.</param>
public sealed record ExpressionComparison(bool Same, string Published, string Loaded, bool ByText);
