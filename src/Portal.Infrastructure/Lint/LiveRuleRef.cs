using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Domain.Lint;
using Portal.Domain.PromQl;
using Portal.Infrastructure.Prometheus;

namespace Portal.Infrastructure.Lint;

/// <summary>Where a rule is published, so its evaluation errors can be found in each target's /api/v1/rules.</summary>
public sealed record LiveRuleRef(string Namespace, string Group, string Name);
