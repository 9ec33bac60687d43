using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Publishing;

internal sealed class PublishTargetRow
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public string RulesDirectory { get; set; } = "";
    public string FilePrefix { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
