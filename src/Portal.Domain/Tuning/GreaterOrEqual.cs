namespace Portal.Domain.Tuning;

internal readonly struct GreaterOrEqual : ICompare
{
    public static bool Holds(double value, double threshold) => value >= threshold;
}
