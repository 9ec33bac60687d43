namespace Portal.Features.Tuning;

/// <summary>How the tuning page writes durations: one unit, short, the way people say them on call.</summary>
internal static class TuningText
{
    public static string Span(TimeSpan span) => span switch
    {
        { Ticks: 0 } => "0",
        { TotalMinutes: < 1 } => $"{span.TotalSeconds:0} s",
        { TotalHours: < 1 } => $"{span.TotalMinutes:0} min",
        { TotalDays: < 2 } => $"{span.TotalHours:0.#} h",
        _ => $"{span.TotalDays:0.#} d",
    };
}
