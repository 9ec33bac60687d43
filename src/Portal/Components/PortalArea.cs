namespace Portal.Components;

/// <summary>One area of the portal as the navigation shows it.</summary>
public sealed record PortalArea(string Title, string Route, string Icon, string Summary);
