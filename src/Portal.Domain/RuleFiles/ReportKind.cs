namespace Portal.Domain.RuleFiles;

/// <summary>What a report line is about.</summary>
public enum ReportKind
{
    /// <summary>A YAML document: a whole file, one <c>---</c> section of it, or a fenced block in Markdown.</summary>
    Block,
    Group,
    Alert,
    Record,

    /// <summary>A rule that is neither clearly an alert nor a recording rule (both or neither key given).</summary>
    Rule,
}
