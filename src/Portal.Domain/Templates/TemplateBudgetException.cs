namespace Portal.Domain.Templates;

/// <summary>A rendering ran out of its <see cref="TemplateLimits"/>; it stops where it is.</summary>
internal sealed class TemplateBudgetException(string message) : Exception(message);
