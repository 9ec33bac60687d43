namespace Portal.Domain.Runbooks;

public enum RunbookUrlKind
{
    None,
    /// <summary>Into this portal's runbooks.</summary>
    Internal,
    /// <summary>An absolute http(s) URL elsewhere: checked in the background when its host is allowed.</summary>
    External,
    /// <summary>Templated or not a web address: cannot be checked.</summary>
    Unknown,
}
