namespace Portal.Domain.Capacity;

/// <summary>Capacity models, a memory budget and baselines for the services this portal itself runs on.</summary>
public static class StarterCapacity
{
    // Filled in by the capacity backend work (issue 17); empty until then.
    public static CapacityStarterSet Set { get; } = new([], [], []);
}
