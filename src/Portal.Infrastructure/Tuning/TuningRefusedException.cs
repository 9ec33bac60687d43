using Portal.Domain.Queries;
using Portal.Domain.RuleFiles;
using Portal.Domain.Tuning;
using Portal.Infrastructure.Caching;

namespace Portal.Infrastructure.Tuning;

public sealed class TuningRefusedException(string message) : Exception(message);
