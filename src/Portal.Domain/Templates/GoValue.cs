namespace Portal.Domain.Templates;

// The handful of Go types that Prometheus alert templates can produce. Go's text/template is
// dynamically typed over reflect.Value; modelling the type name on every value lets errors and
// %T read exactly as Prometheus prints them.

/// <summary>A value inside the template evaluator, tagged with its Go type name.</summary>
internal abstract record GoValue(string Type);
