namespace Portal.Domain.Templates;

/// <summary>The result of query (template.queryResult); it exists only so signatures type-check.</summary>
internal sealed record GoQueryResult() : GoValue("template.queryResult");
