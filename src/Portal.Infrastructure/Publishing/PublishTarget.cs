using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

public sealed record PublishTarget(string Name, Uri Url, string RulesDirectory, string FilePrefix, TargetSource Source)
{
    /// <summary>
    /// A target stored before its directory left the allowed roots (or before there were any): listed so an
    /// Admin can remove it, never written to.
    /// </summary>
    public bool OutsideAllowedRoots { get; init; }

    internal PublishTargetOptions Options => new() { Name = Name, Url = Url, RulesDirectory = RulesDirectory, FilePrefix = FilePrefix };
}
