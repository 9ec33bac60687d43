using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Lint;

/// <summary>One rule's live findings, for the namespace page.</summary>
public sealed record RuleLiveFindings(string Group, string Name, IReadOnlyList<LintFinding> Findings);
