namespace Portal.Domain.Runbooks;

/// <summary>A runbook body over <see cref="RunbookMarkdown.MaxBytes"/>: refused before any parsing, with the sizes for the message.</summary>
public sealed class RunbookTooLargeException(int size)
    : Exception($"The runbook is {size:N0} bytes; at most {RunbookMarkdown.MaxBytes:N0} bytes (1 MB) can be rendered.")
{
    public int Size { get; } = size;
}
