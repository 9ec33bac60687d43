namespace Portal.Domain.Tuning;

/// <summary>What the rule would have done over the range at one threshold.</summary>
public sealed record SweepPoint(double Threshold, SweepMarks Marks, int FiringEpisodes, double AlertsPerWeek, double FiringHours);
