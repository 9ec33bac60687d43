namespace Portal.Domain.Tuning;

/// <summary>A comparison compiled into the loop that uses it, instead of a switch per sample.</summary>
internal interface ICompare
{
    static abstract bool Holds(double value, double threshold);
}
