using Portal.Domain.Incidents;

namespace Portal.Infrastructure.Incidents;

/// <summary>A new (<see cref="Id"/> null) or changed action item.</summary>
public sealed record ActionItemEdit(Guid? Id, string Text, string? Owner, DateOnly? Due, ActionItemStatus Status, string? Link);
