namespace Portal.Domain.Tuning;

internal readonly struct LessOrEqual : ICompare
{
    public static bool Holds(double value, double threshold) => value <= threshold;
}
