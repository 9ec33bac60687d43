namespace Portal.Domain.Templates;

/// <summary>A template asked for live data (query), which an offline preview cannot provide.</summary>
internal sealed class LiveQueryException(string message) : GoFunctionException(message);
