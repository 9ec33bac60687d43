using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

/// <summary>Where a target was defined: configuration is read-only here; the database is edited on the Admin page.</summary>
public enum TargetSource
{
    Configuration,
    Database,
}
