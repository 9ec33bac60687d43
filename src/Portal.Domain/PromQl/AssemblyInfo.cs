using System.Runtime.CompilerServices;

// Tests and benchmarks parse with raised limits (PromQlParser.Parse(text, limits)) to build trees users may not send.
[assembly: InternalsVisibleTo("Portal.Tests.Unit")]
[assembly: InternalsVisibleTo("Portal.Benchmarks")]
