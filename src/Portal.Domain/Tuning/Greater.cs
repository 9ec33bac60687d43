namespace Portal.Domain.Tuning;

internal readonly struct Greater : ICompare
{
    public static bool Holds(double value, double threshold) => value > threshold;
}
