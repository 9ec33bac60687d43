namespace Portal.Domain.RuleFiles;

/// <summary>What happened to the item a report line is about.</summary>
public enum ReportStatus
{
    Imported,

    /// <summary>Imported, but something was changed or ignored on the way; the reason says what.</summary>
    Warning,

    /// <summary>Not imported; the reason says why.</summary>
    Error,

    /// <summary>Nothing to import here (a Prometheus config block, an empty block); not a problem.</summary>
    Info,
}
