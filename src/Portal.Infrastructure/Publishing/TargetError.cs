using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

/// <summary>A problem with one field of a target being added, said where the user typed it.</summary>
public sealed record TargetError(string Field, string Message);
