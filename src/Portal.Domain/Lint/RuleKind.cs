namespace Portal.Domain.Lint;

public enum RuleKind
{
    Alerting,
    Recording,
}
