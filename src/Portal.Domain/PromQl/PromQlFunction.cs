namespace Portal.Domain.PromQl;

/// <summary>
/// One function of Prometheus 2.42's function table. <see cref="Variadic"/> is how many trailing
/// arguments may be left out (positive), or -1 when the last argument repeats without limit.
/// </summary>
public sealed record PromQlFunction(string Name, IReadOnlyList<PromQlType> ArgTypes, int Variadic, PromQlType ReturnType);
