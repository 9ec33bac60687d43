namespace Portal.Domain.Lint;

/// <summary>Every check lint has: its id, severity and the explanation a user can act on.</summary>
public static class LintChecks
{
    public sealed record Check(string Id, LintSeverity Severity, string Explanation);

    public static readonly Check Syntax = new("promql-syntax", LintSeverity.Error,
        "Prometheus would refuse this expression. Fix the part at the given position.");
    public static readonly Check ResultType = new("rule-result-type", LintSeverity.Error,
        "A rule must return an instant vector or a scalar; range vectors and strings cannot be stored or alerted on. Wrap a range in a function such as rate() or max_over_time().");
    public static readonly Check RateOfNonCounter = new("rate-of-non-counter", LintSeverity.Warning,
        "rate(), irate() and increase() assume a counter that only goes up and treat every drop as a reset. On a gauge they invent growth; use deriv() or delta() for gauges.");
    public static readonly Check CounterWithoutRate = new("counter-without-rate", LintSeverity.Warning,
        "A counter's raw value only says how much happened since the process started. Compare or divide rate(x[5m]) or increase(x[1h]) instead.");
    public static readonly Check QuantileNotBucket = new("histogram-quantile-not-bucket", LintSeverity.Error,
        "histogram_quantile() needs the _bucket series of a histogram, with their le label. Over anything else it returns nothing or nonsense.");
    public static readonly Check QuantileWithoutLe = new("histogram-quantile-without-le", LintSeverity.Error,
        "The aggregation inside histogram_quantile() drops the le label, so the buckets are summed together and no quantile can be computed. Add le to by (...).");
    public static readonly Check QuantileWithoutRate = new("histogram-quantile-without-rate", LintSeverity.Warning,
        "Bucket counters are cumulative since process start; without rate() the quantile describes the whole lifetime, not the last minutes.");
    public static readonly Check LeOnNonBucket = new("le-on-non-bucket", LintSeverity.Warning,
        "Only _bucket series carry the le label. A matcher on le for _count or _sum matches nothing.");
    public static readonly Check ShortRateWindow = new("rate-window-too-short", LintSeverity.Warning,
        "A range shorter than two scrape intervals often holds fewer than two samples, so rate() returns nothing now and then. Use at least four scrape intervals.");
    public static readonly Check NoFor = new("alert-without-for", LintSeverity.Warning,
        "Without `for` a single evaluation above the threshold pages someone. Rates and quantiles jump; require the condition to hold for a few minutes.");
    public static readonly Check AbsentWithoutFor = new("absent-without-for", LintSeverity.Warning,
        "absent() is true for one evaluation whenever a scrape is slow or a target restarts. Give it `for` of a few minutes.");
    public static readonly Check NoComparison = new("alert-without-condition", LintSeverity.Warning,
        "An alert fires for every series its expression returns. Without a comparison or absent() it fires for every series that exists.");
    public static readonly Check ValueInLabels = new("value-in-labels", LintSeverity.Error,
        "Labels identify an alert. With $value in a label every evaluation creates a new alert and the old one resolves. Put the value in an annotation.");
    public static readonly Check MissingSeverity = new("missing-severity", LintSeverity.Warning,
        "Routing and paging depend on the severity label. Set one of the configured severities.");
    public static readonly Check UnknownSeverity = new("unknown-severity", LintSeverity.Warning,
        "This severity is not one the team's routing knows, so the alert may reach nobody.");
    public static readonly Check MissingSummary = new("missing-summary", LintSeverity.Warning,
        "The summary annotation is the line on-call engineers read first. Say what is wrong, with the value.");
    public static readonly Check MissingRunbook = new("missing-runbook", LintSeverity.Info,
        "A runbook_url annotation tells the person paged at night what to do next.");
    public static readonly Check TemplateError = new("template-error", LintSeverity.Error,
        "Prometheus cannot render this template, so the notification would carry an error instead of the text.");
    public static readonly Check TemplateBudget = new("template-budget", LintSeverity.Error,
        "Rendered with the rule's labels and a sample value, this template produces more text or takes more steps than the portal allows. Prometheus would pay that on every evaluation and the notification would be unreadable; make it shorter and call {{template}} less often.");
    public static readonly Check GroupIntervalTooShort = new("group-interval-too-short", LintSeverity.Error,
        "Prometheus evaluates every rule of the group at this interval; far below the scrape interval that burns CPU on the same data. The portal refuses intervals below its configured minimum.");
    public static readonly Check GroupIntervalBelowGlobal = new("group-interval-below-global", LintSeverity.Warning,
        "The group is evaluated more often than the server's global evaluation interval. That is rarely needed: the data only changes once per scrape.");
    public static readonly Check DuplicateRule = new("duplicate-rule-name", LintSeverity.Warning,
        "Two rules with the same name in one group are hard to tell apart in notifications; two recording rules with the same name and labels overwrite each other.");
    public static readonly Check DuplicateGroup = new("duplicate-group-name", LintSeverity.Error,
        "Prometheus refuses a rule file with two groups of the same name.");
    public static readonly Check RecordingName = new("recording-rule-name", LintSeverity.Info,
        "Recording rules are easier to find and reuse when named level:metric:operations, e.g. job:http_requests:rate5m.");
    public static readonly Check TopkInAlert = new("topk-in-alert", LintSeverity.Warning,
        "topk() and bottomk() pick different series from one evaluation to the next, so alerts resolve and re-fire as the ranking changes.");
    public static readonly Check PercentThreshold = new("percent-threshold", LintSeverity.Warning,
        "A ratio lies between 0 and 1 while a percentage lies between 0 and 100. Write both sides in the same unit: 5% is 0.05 as a ratio.");
    public static readonly Check IrateInAlert = new("irate-in-alert", LintSeverity.Info,
        "irate() looks only at the last two samples and jumps with every spike. For alerts rate() over a few minutes is steadier.");

    public static IReadOnlyList<Check> All { get; } =
    [
        Syntax, ResultType, RateOfNonCounter, CounterWithoutRate, QuantileNotBucket, QuantileWithoutLe, QuantileWithoutRate,
        LeOnNonBucket, ShortRateWindow, NoFor, AbsentWithoutFor, NoComparison, ValueInLabels, MissingSeverity, UnknownSeverity,
        MissingSummary, MissingRunbook, TemplateError, TemplateBudget, GroupIntervalTooShort, GroupIntervalBelowGlobal, DuplicateRule, DuplicateGroup, RecordingName, TopkInAlert, PercentThreshold,
        IrateInAlert,
    ];
}
