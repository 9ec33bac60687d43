namespace Portal.Domain.Templates;

internal sealed record GoFloat(double Value) : GoValue("float64");
