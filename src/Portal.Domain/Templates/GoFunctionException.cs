namespace Portal.Domain.Templates;

/// <summary>The error a Go template function returns; Go reports it as "error calling NAME: ...".</summary>
internal class GoFunctionException(string message) : Exception(message);
