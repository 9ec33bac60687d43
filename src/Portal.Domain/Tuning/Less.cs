namespace Portal.Domain.Tuning;

internal readonly struct Less : ICompare
{
    public static bool Holds(double value, double threshold) => value < threshold;
}
