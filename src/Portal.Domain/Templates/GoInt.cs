namespace Portal.Domain.Templates;

/// <summary>Go's int (64-bit on every platform Prometheus ships for).</summary>
internal sealed record GoInt(long Value) : GoValue("int");
