namespace Portal.Infrastructure.Publishing;

public sealed class PublishTargetOptions
{
    public string Name { get; set; } = "";

    /// <summary>The Prometheus server that reads <see cref="RulesDirectory"/>: reloaded and verified after each publish.</summary>
    public Uri? Url { get; set; }

    /// <summary>Where the files are written; Prometheus' rule_files should glob <c>*.yml</c> in it.</summary>
    public string RulesDirectory { get; set; } = "";

    /// <summary>Prepended to every file name, so several portals (or hand-made files) can share a directory.</summary>
    public string FilePrefix { get; set; } = "";
}
