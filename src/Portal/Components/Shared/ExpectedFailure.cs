using System.Data.Common;
using Portal.Infrastructure.Access;
using Portal.Infrastructure.Prometheus;
using Portal.Infrastructure.Publishing;
using Portal.Infrastructure.Tuning;

namespace Portal.Components.Shared;

/// <summary>
/// The failures a page may meet in normal operation and say in one sentence: Prometheus down or refusing a query,
/// a refused range, a refused right, a publisher that cannot go on, a server or the database not answering, a file that could not be written, a
/// request that took too long. Anything else is a fault in the portal: it goes to the error boundary and the log.
/// </summary>
public static class ExpectedFailure
{
    public static bool Is(Exception e) => e is PrometheusException or TuningRefusedException or AccessDeniedException
        or HttpRequestException or TimeoutException or OperationCanceledException or IOException or UnauthorizedAccessException
        or DbException or PublishingException || Portal.Infrastructure.Persistence.DatabaseUnavailable.Is(e);

    /// <summary>"The namespace could not be loaded: Prometheus did not answer." — what failed, then why, for people.</summary>
    public static string Sentence(string whatFailed, Exception e) => $"{whatFailed.TrimEnd('.', ' ')}: {Reason(e)}";

    /// <summary>Our own exceptions are written for people; the framework's are not, so those get a fixed wording.</summary>
    private static string Reason(Exception e) => e switch
    {
        PrometheusException { Position: { } at } => Period($"{at.InWords()}: {e.Message}"),
        PrometheusException or TuningRefusedException or AccessDeniedException or PublishingException => Period(e.Message),
        DbException => "the database could not be reached. Try again in a moment.",
        // EF wraps a connection lost mid-save in its own exceptions; it is the same outage for the user.
        _ when Portal.Infrastructure.Persistence.DatabaseUnavailable.Is(e) => "the database could not be reached. Try again in a moment.",
        HttpRequestException => "the server did not answer. Try again in a moment.",
        TimeoutException or OperationCanceledException => "it took too long and was stopped. Try again in a moment.",
        UnauthorizedAccessException => "the portal may not write there. The operators can see the details in the log.",
        IOException => "a file could not be read or written. The operators can see the details in the log.",
        _ => Period(e.Message),
    };

    private static string Period(string text) => text.EndsWith('.') ? text : text + ".";
}
