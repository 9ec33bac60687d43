namespace Portal.Domain.Tuning;

/// <summary>Why a threshold is on the curve; one threshold can be several of these at once.</summary>
[Flags]
public enum SweepMarks
{
    None = 0,
    Grid = 1,
    P50 = 2,
    P90 = 4,
    P99 = 8,
    P999 = 16,
    Max = 32,
    Current = 64,
}
