namespace Portal.Infrastructure.Publishing;

/// <summary>
/// The publisher cannot go on, for a reason written for the person who asked: promtool cannot be run, a target has
/// no Prometheus URL, nothing was published to a target yet, or the release or target named does not exist
/// (<see cref="NotFound"/>). Pages show the message; the API answers 404 or 409. Anything else the publisher throws
/// is a fault.
/// </summary>
public sealed class PublishingException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The release or target named does not exist.</summary>
    public bool NotFound { get; init; }
}
